/**
 * `npm run bench:images` (also run at the end of `npm run bench`): how long the members map and the
 * timeline chart take to draw, cold (the first drawing in a new process: renderer, font and atlas
 * loaded, then drawn) and cached (every later request for the same corpus), and their sizes.
 * Writes the "Images" section of bench/results.md. Targets (issue 15): cold under 300 ms, cached
 * under 1 ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../src/corpus/load.ts';
import { corpusDir, projectRoot } from '../src/paths.ts';
import type { Figure } from '../src/engine/answer.ts';

const RESULTS = join(projectRoot, 'bench', 'results.md');
const START_MARK = '<!-- images:start -->';
const END_MARK = '<!-- images:end -->';
const RUNS = 5;
const CACHED_ROUNDS = 10_000;
const FIGURES: [string, Figure][] = [
  ['members map', { kind: 'members-map' }],
  ['timeline chart', { kind: 'timeline' }],
];

/** In a child process: load the corpus, then time the first and the cached drawing of one figure. */
async function child(index: number): Promise<void> {
  const corpus = loadCorpus(corpusDir);
  const started = performance.now();
  const { renderFigure } = await import('../src/images/figures.ts');
  const figure = FIGURES[index]![1];
  const image = renderFigure(corpus, figure);
  const cold = performance.now() - started;
  const cachedStarted = performance.now();
  for (let i = 0; i < CACHED_ROUNDS; i++) renderFigure(corpus, figure);
  const cached = (performance.now() - cachedStarted) / CACHED_ROUNDS;
  process.stdout.write(JSON.stringify({ cold, cached, bytes: image.png.length, width: image.width, height: image.height }) + '\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measures every figure and returns the markdown section. */
export function measureImages(): string {
  const script = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  let met = true;
  FIGURES.forEach(([name], index) => {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, '--child', String(index)], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } })) as { cold: number; cached: number; bytes: number; width: number; height: number });
    const cold = median(runs.map((r) => r.cold));
    const cached = median(runs.map((r) => r.cached));
    met &&= cold < 300 && cached < 1;
    const r = runs[0]!;
    rows.push(`| ${name} | ${r.width}×${r.height} | ${(r.bytes / 1024).toFixed(0)} KiB | ${cold.toFixed(0)} ms | ${Math.max(...runs.map((x) => x.cold)).toFixed(0)} ms | ${(cached * 1000).toFixed(2)} µs |`);
  });
  return [
    START_MARK,
    '## Images',
    '',
    `Written by \`npm run bench:images\` (bench/images.bench.ts; \`npm run bench\` runs it too). ${RUNS} runs per image, each a new process (under tsx) that loads the corpus and then draws the image once: "cold" is that first drawing, renderer, font and atlas included; "cached" is the mean of ${CACHED_ROUNDS.toLocaleString('en-US')} later requests for the same corpus (src/images/figures.ts keeps one drawing per corpus). Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
    '',
    '| image | size | PNG | cold, median | cold, worst | cached |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Targets (issue 15): cold under 300 ms, cached under 1 ms: **${met ? 'met' : 'missed'}**.`,
    END_MARK,
  ].join('\n');
}

export function writeImagesSection(section: string): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const from = text.indexOf(START_MARK);
  const to = text.indexOf(END_MARK, from);
  const next = from >= 0 && to >= 0 ? text.slice(0, from) + section + text.slice(to + END_MARK.length) : `${text.replace(/\n*$/, '\n\n')}${section}\n`;
  writeFileSync(RESULTS, next);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain && process.argv[2] === '--child') await child(Number(process.argv[3]));
else if (isMain) {
  const section = measureImages();
  writeImagesSection(section);
  process.stdout.write(section + '\n');
}
