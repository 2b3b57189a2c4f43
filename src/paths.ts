/** Project paths, resolved from this file so commands work from any working directory. */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The corpus folder; ACCORDS_CORPUS_DIR points elsewhere (tests use a small fixture corpus). */
export const corpusDir = process.env.ACCORDS_CORPUS_DIR ? resolve(process.env.ACCORDS_CORPUS_DIR) : join(projectRoot, 'corpus');
/** The prebuilt corpus-and-index snapshot `npm run build` writes for `npm start` (see corpus/snapshot.ts). */
export const snapshotFile = join(projectRoot, 'dist', 'engine-snapshot.json');

/** A path from configuration: absolute as given, otherwise relative to the project. */
export function projectPath(path: string): string {
  return resolve(projectRoot, path);
}
