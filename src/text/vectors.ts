/**
 * Word meaning from GloVe vectors (reduced by scripts/reduce-vectors.ts): the cosine similarity of
 * two stems, so that a question's word can meet a passage's word it does not share letters with
 * ("mostly" and "largely", "negotiated" and "brokered").
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

export const VECTOR_DIMENSIONS = 100;
const SCALE = 127 * 127;

export class WordVectors {
  private readonly index = new Map<string, number>();

  constructor(keys: string[], private readonly bytes: Int8Array) {
    keys.forEach((key, i) => this.index.set(key, i * VECTOR_DIMENSIONS));
  }

  /** Reads data/vectors from `dir`; without the files, every similarity is 0 (exact matching only). */
  static load(dir: string): WordVectors {
    const keysFile = join(dir, 'stems.txt');
    const bytesFile = join(dir, 'stems.i8');
    if (!existsSync(keysFile) || !existsSync(bytesFile)) return new WordVectors([], new Int8Array(0));
    const keys = readFileSync(keysFile, 'utf8').split('\n').filter(Boolean);
    const buffer = readFileSync(bytesFile);
    const bytes = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (bytes.length !== keys.length * VECTOR_DIMENSIONS) throw new Error(`${bytesFile}: ${bytes.length} bytes for ${keys.length} stems; rebuild with scripts/reduce-vectors.ts`);
    return new WordVectors(keys, bytes);
  }

  get size(): number {
    return this.index.size;
  }

  has(stem: string): boolean {
    return this.index.has(stem);
  }

  /** Cosine similarity of two stems in [-1, 1]; 0 when either is unknown. */
  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    let dot = 0;
    for (let d = 0; d < VECTOR_DIMENSIONS; d++) dot += this.bytes[i + d]! * this.bytes[j + d]!;
    return dot / SCALE;
  }
}

let loaded: WordVectors | undefined;

/** The project's reduced vectors (data/vectors), read once per process. */
export function defaultVectors(): WordVectors {
  loaded ??= WordVectors.load(join(projectRoot, 'data', 'vectors'));
  return loaded;
}

let vocabulary: Set<string> | undefined;

/**
 * Whether a folded word is an English word at all: one of the 317,730 alphabetic words of the GloVe
 * vocabulary (data/vectors/words.txt.gz), read the first time it is asked. Rare real words
 * ("hummus", "bitcoin") are in it; chat shorthand and typos ("tmrw", "cmte") are not.
 */
export function isEnglishWord(word: string): boolean {
  if (!vocabulary) {
    const file = join(projectRoot, 'data', 'vectors', 'words.txt.gz');
    vocabulary = existsSync(file) ? new Set(gunzipSync(readFileSync(file)).toString('utf8').split('\n')) : new Set();
  }
  return vocabulary.size === 0 || vocabulary.has(word);
}
