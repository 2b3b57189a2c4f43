/**
 * `npm run corpus:check [DIR] [--today YYYY-MM-DD]`: validates the corpus exactly as the bot loads
 * it, then checks attribution (every sentence supported by a source whose excerpt shares a name,
 * number or date with it; nothing stated as still to come whose date has passed, as of `--today`,
 * default the current day), and prints counts per kind and the number of supported sentences.
 */
import { CorpusError, formatProblem, loadCorpus } from '../corpus/load.ts';
import { checkSupport } from '../corpus/support.ts';
import { corpusDir } from '../paths.ts';

const ORDER = ['members', 'member notes', 'candidates', 'candidate notes', 'actors', 'timeline', 'caveats', 'article paragraphs', 'sources'];

function parseArgs(argv: string[]): { dir: string; today: string } {
  let dir = corpusDir;
  let today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--today') {
      const value = argv[++i] ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        console.error(`--today must be an ISO date YYYY-MM-DD (got "${value}")`);
        process.exit(2);
      }
      today = value;
    } else dir = arg;
  }
  return { dir, today };
}

const { dir, today } = parseArgs(process.argv.slice(2));
try {
  const corpus = loadCorpus(dir);
  const report = checkSupport(corpus, { today });
  for (const key of ORDER) console.log(`${key}: ${corpus.counts[key] ?? 0}`);
  console.log(`passages: ${corpus.passages.length}`);
  if (report.problems.length > 0) {
    console.error(`attribution problems (${report.problems.length}):`);
    for (const p of report.problems) console.error('  ' + formatProblem(p));
    console.log(`errors: ${report.problems.length}`);
    process.exit(1);
  }
  console.log(`sentences: ${report.sentences}, each supported (${report.pairs} sentence–source pairs; checked as of ${today})`);
  console.log('errors: 0');
} catch (error) {
  if (error instanceof CorpusError) {
    console.error(error.message);
    console.log(`errors: ${error.problems.length}`);
    process.exit(1);
  }
  throw error;
}
