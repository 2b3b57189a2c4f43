/** `npm run corpus:check`: validates corpus/ exactly as the bot loads it and prints counts per kind. */
import { CorpusError, loadCorpus } from '../corpus/load.ts';
import { corpusDir } from '../paths.ts';

const ORDER = ['members', 'member notes', 'candidates', 'candidate notes', 'actors', 'timeline', 'caveats', 'article paragraphs', 'sources'];

try {
  const corpus = loadCorpus(process.argv[2] ?? corpusDir);
  for (const key of ORDER) console.log(`${key}: ${corpus.counts[key] ?? 0}`);
  console.log(`passages: ${corpus.passages.length}`);
  console.log('errors: 0');
} catch (error) {
  if (error instanceof CorpusError) {
    console.error(error.message);
    console.log(`errors: ${error.problems.length}`);
    process.exit(1);
  }
  throw error;
}
