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

interface Loaded {
  index: Map<string, number>;
  bytes: Int8Array;
}

export class WordVectors {
  private loaded: Loaded | undefined;

  /** `read` gives the stems and their vectors; it is called the first time a similarity is asked. */
  constructor(private readonly read: () => { keys: string[]; bytes: Int8Array }) {}

  /**
   * Reads data/vectors from `dir` when first needed (a question that only asks for a date never
   * needs them); without the files, every similarity is 0 (exact matching only).
   */
  static load(dir: string): WordVectors {
    return new WordVectors(() => {
      const keysFile = join(dir, 'stems.txt');
      const bytesFile = join(dir, 'stems.i8');
      if (!existsSync(keysFile) || !existsSync(bytesFile)) return { keys: [], bytes: new Int8Array(0) };
      const keys = readFileSync(keysFile, 'utf8').split('\n').filter(Boolean);
      const buffer = readFileSync(bytesFile);
      const bytes = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      if (bytes.length !== keys.length * VECTOR_DIMENSIONS) throw new Error(`${bytesFile}: ${bytes.length} bytes for ${keys.length} stems; rebuild with scripts/reduce-vectors.ts`);
      return { keys, bytes };
    });
  }

  private get data(): Loaded {
    if (!this.loaded) {
      const { keys, bytes } = this.read();
      const index = new Map<string, number>();
      keys.forEach((key, i) => index.set(key, i * VECTOR_DIMENSIONS));
      this.loaded = { index, bytes };
    }
    return this.loaded;
  }

  get size(): number {
    return this.data.index.size;
  }

  has(stem: string): boolean {
    return this.data.index.has(stem);
  }

  /** Cosine similarity of two stems in [-1, 1]; 0 when either is unknown. */
  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const { index, bytes } = this.data;
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) return 0;
    let dot = 0;
    for (let d = 0; d < VECTOR_DIMENSIONS; d++) dot += bytes[i + d]! * bytes[j + d]!;
    return dot / SCALE;
  }
}

let loaded: WordVectors | undefined;

/** The project's reduced vectors (data/vectors), read once per process. */
export function defaultVectors(): WordVectors {
  loaded ??= WordVectors.load(join(projectRoot, 'data', 'vectors'));
  return loaded;
}

/** A sorted word list kept as one buffer, searched in place: no string per word is ever made. */
class SortedWords {
  private readonly starts: Uint32Array;

  constructor(private readonly bytes: Buffer) {
    let count = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) count++;
    this.starts = new Uint32Array(count + 1);
    let at = 0;
    this.starts[0] = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) this.starts[++at] = i + 1;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(word: string): boolean {
    const key = Buffer.from(word, 'utf8');
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = Buffer.compare(this.bytes.subarray(this.starts[mid]!, this.starts[mid + 1]! - 1), key);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

let vocabulary: SortedWords | undefined;
/** Words already looked up: questions repeat their words, and a lookup walks a 3 MB buffer. */
const knownWords = new Map<string, boolean>();
const KNOWN_WORDS_MAX = 50_000;

/**
 * Whether a folded word is an English word at all: one of the 317,730 alphabetic words of the GloVe
 * vocabulary (data/vectors/words.txt.gz, sorted), read the first time it is asked. Rare real words
 * ("hummus", "bitcoin") are in it; chat shorthand and typos ("tmrw", "cmte") are not.
 */
export function isEnglishWord(word: string): boolean {
  if (!vocabulary) {
    const file = join(projectRoot, 'data', 'vectors', 'words.txt.gz');
    vocabulary = new SortedWords(existsSync(file) ? gunzipSync(readFileSync(file)) : Buffer.alloc(0));
  }
  let known = knownWords.get(word);
  if (known === undefined) {
    known = vocabulary.size === 0 || vocabulary.has(word);
    if (knownWords.size >= KNOWN_WORDS_MAX) knownWords.clear();
    knownWords.set(word, known);
  }
  return known;
}
