/**
 * Cold start: from process start to ready to answer, without logging in to Discord.
 *   - index built at start, loaded from a serialized index, or corpus and index both read from the
 *     prebuilt snapshot `npm start` uses (bench/cold-start.child.ts, bundled with the same esbuild
 *     settings as `npm start`);
 *   - `npm start`'s own process (`node dist/main.mjs`, the console): spawn to the first answer
 *     printed, and the same under tsx, which is what bundling replaced.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBot } from '../scripts/build.mjs';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/search/index.ts';
import { corpusDir, projectRoot } from '../src/paths.ts';
import { writeSnapshot } from '../src/corpus/snapshot.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { medianOf } from './answers.ts';

const buildDir = join(projectRoot, 'bench', '.build');

export interface ChildTimes {
  imported: number;
  corpusLoaded: number;
  indexReady: number;
  engineReady: number;
  firstAnswer: number;
  /** Spawn to exit, as the parent saw it. */
  wall: number;
}

export interface ColdStartResult {
  runs: number;
  build: ChildTimes;
  load: ChildTimes;
  snapshot: ChildTimes;
  serializedIndexBytes: number;
  npmStartBundled: { firstAnswerMs: number };
  npmStartTsx: { firstAnswerMs: number };
}

function runChild(script: string, args: string[]): ChildTimes {
  const started = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ACCORDS_CORPUS_DIR: corpusDir } });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`cold-start child failed: ${result.stderr}`);
  return { ...(JSON.parse(result.stdout) as Omit<ChildTimes, 'wall'>), wall };
}

/** Spawns the console, asks one question at once, and times spawn → the answer on stdout. */
function firstConsoleAnswer(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'silent', DISCORD_TOKEN: '' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Sources:/.test(out)) {
        const ms = performance.now() - started;
        child.stdin.end();
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!/Sources:/.test(out)) reject(new Error(`console exited (${code}) before answering: ${out.slice(0, 200)}`));
    });
    child.stdin.write('When did Morocco join the Abraham Accords?\n');
  });
}

export async function runColdStart(runs = 7): Promise<ColdStartResult> {
  mkdirSync(buildDir, { recursive: true });
  const [script] = await buildBot({ outdir: buildDir, entryPoints: { 'cold-start': join(projectRoot, 'bench', 'cold-start.child.ts') } });
  await buildBot();
  const indexFile = join(buildDir, 'index.json');
  const corpus = loadCorpus(corpusDir);
  const index = buildIndex(corpus);
  const serialized = JSON.stringify(index);
  writeFileSync(indexFile, serialized);
  // `npm start` reads dist/engine-snapshot.json; the bench writes its own copy beside it.
  const snapshotCopy = join(buildDir, 'engine-snapshot.json');
  writeSnapshot(snapshotCopy, corpusDir, new AnswerEngine(corpus, index));
  const childScript = script!.endsWith('cold-start.mjs') ? script! : join(buildDir, 'cold-start.mjs');
  // One unmeasured run of each warms the file cache.
  runChild(childScript, ['build']);
  runChild(childScript, ['load', indexFile]);
  runChild(childScript, ['snapshot', snapshotCopy]);
  const build: ChildTimes[] = [];
  const load: ChildTimes[] = [];
  const fromSnapshot: ChildTimes[] = [];
  const bundled: number[] = [];
  const tsx: number[] = [];
  await firstConsoleAnswer([join(projectRoot, 'dist', 'main.mjs')]);
  await firstConsoleAnswer(['--import', 'tsx', join(projectRoot, 'src', 'main.ts')]);
  for (let i = 0; i < runs; i++) {
    // Interleaved, so a noisy moment on the machine hits both alike.
    build.push(runChild(childScript, ['build']));
    load.push(runChild(childScript, ['load', indexFile]));
    fromSnapshot.push(runChild(childScript, ['snapshot', snapshotCopy]));
    bundled.push(await firstConsoleAnswer([join(projectRoot, 'dist', 'main.mjs')]));
    tsx.push(await firstConsoleAnswer(['--import', 'tsx', join(projectRoot, 'src', 'main.ts')]));
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    runs,
    build: medianOf(build),
    load: medianOf(load),
    snapshot: medianOf(fromSnapshot),
    serializedIndexBytes: Buffer.byteLength(serialized),
    npmStartBundled: { firstAnswerMs: median(bundled) },
    npmStartTsx: { firstAnswerMs: median(tsx) },
  };
}
