/**
 * `npm run build` (run by `npm start` first): bundles the bot into dist/ with esbuild, so start-up
 * loads a few files of plain JavaScript instead of compiling TypeScript and resolving hundreds of
 * module files (cold start drops from over a second with tsx to about a fifth of that; see
 * bench/results.md). discord.js stays outside the bundle: it is loaded only when the bot logs in
 * to Discord, never for the console. Then it writes the corpus snapshot start-up loads
 * (src/corpus/snapshot.ts). Outputs are written to a temporary name and renamed, so processes
 * starting at the same time never read half a file.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const BOT_ENTRIES = {
  main: join(root, 'src', 'main.ts'),
  // One process per shard when SHARD_COUNT is set (src/discord/shards.ts looks for dist/shard-main.mjs).
  'shard-main': join(root, 'src', 'discord', 'shard-main.ts'),
  snapshot: join(root, 'src', 'cli', 'snapshot.ts'),
  misses: join(root, 'src', 'cli', 'misses.ts'),
};

export async function buildBot({ outdir = join(root, 'dist'), entryPoints = BOT_ENTRIES } = {}) {
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // resvg is a native module (a .node file per platform), loaded from node_modules as it is.
    external: ['discord.js', '@resvg/resvg-js'],
    // Bundled CommonJS packages (pino) call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  // Chunks of earlier builds have other names (content hashes): remove them.
  const written = new Set(result.outputFiles.map((f) => f.path));
  for (const name of readdirSync(outdir)) {
    if (name.endsWith('.mjs') && !written.has(join(outdir, name))) rmSync(join(outdir, name), { force: true });
  }
  return [...written];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBot();
  // The corpus snapshot start-up loads instead of validating and indexing (src/corpus/snapshot.ts).
  const snapshot = spawnSync(process.execPath, [join(root, 'dist', 'snapshot.mjs')], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'silent' } });
  // Without a snapshot start-up only takes longer, so a failure here warns rather than stops npm start.
  if (snapshot.status !== 0) process.stderr.write('build: the corpus snapshot was not written; start-up will validate and index the corpus itself\n');
}
