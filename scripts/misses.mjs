/**
 * `npm run misses`: runs the bundled report (dist/misses.mjs, which `npm run build` and `npm start`
 * write) when nothing in src/ or commands/ is newer than it, since the bundle starts in a fraction
 * of the time tsx takes to compile the sources; otherwise the sources themselves, through tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'misses.mjs');

function newestUnder(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(newestUnder(join(root, 'src')), newestUnder(join(root, 'commands')));
if (fresh) {
  await import(pathToFileURL(bundle).href);
} else {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'misses.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exit(run.status ?? 1);
}
