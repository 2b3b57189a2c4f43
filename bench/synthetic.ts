/**
 * Synthetic corpora for the benchmarks: the real corpus plus generated passages whose text looks
 * like the real text (an order-2 word Markov chain trained on every real passage, article
 * paragraphs included), so word frequencies, stop-word rates, sentence and passage lengths and the
 * vocabulary match the real corpus. Deterministic from the seed; never uses Math.random.
 *
 * Generated passages copy `kind` (only 'note', 'event' or 'caveat'), `sources`, `about`, `entry`,
 * `date`, `asOf` and `precision` from a real template passage, sharing those values rather than
 * copying them, so citations and entity links still resolve. Their `file` is 'synthetic'.
 */
import { Buffer } from 'node:buffer';
import type { Corpus, CorpusEntry, Passage, PassageKind } from '../src/corpus/model.ts';
import { splitSentences } from '../src/text/sentences.ts';

export const SYNTHETIC_FILE = 'synthetic';

/** Kinds a generated passage may take: never a profile ('member', 'candidate', 'actor'). */
const TEMPLATE_KINDS: ReadonlySet<PassageKind> = new Set<PassageKind>(['note', 'event', 'caveat']);

const MIN_SENTENCES = 2;
const MAX_SENTENCES = 5;
/** How often a state with a single known continuation backs off to the last word alone. */
const BACKOFF = 0.2;
/** Attempts to get a sentence that is not a verbatim copy of a real one before accepting one. */
const NOVEL_TRIES = 4;
/** Candidate sentences weighed against the length a passage still needs. */
const CANDIDATES = 3;

/** Form offsets (in units of the vocabulary size) of the token variants in Model.forms. */
const FINAL = 1;
const TITLE_END = 2;

const BOS = 0;
const EOS = 1;

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The trained model: flat typed arrays, built once per real corpus. */
interface Model {
  /** Token id -> token text. 0 and 1 are the sentence start and end markers. */
  words: string[];
  /**
   * UTF-8 bytes of every token in three forms, form f at forms[formOff[f]..formOff[f+1]]: token id
   * t as written (f = t), as the last word of a sentence, ending with '.' (f = FINAL × V + t), and
   * as the last word of a title, trailing punctuation dropped (f = TITLE_END × V + t).
   */
  forms: Uint8Array;
  formOff: Int32Array;
  /** Token id -> whether a title should not end on it (a stop word or bare punctuation). */
  titleStop: Uint8Array;
  /** Order-2 states (a, b): transitions stateOff[s]..stateOff[s+1] in nextTok/nextState. */
  stateOff: Int32Array;
  stateLast: Int32Array;
  nextTok: Int32Array;
  nextState: Int32Array;
  /** Order-1 backoff by last word b: transitions uniOff[b]..uniOff[b+1] in uniTok/uniState. */
  uniOff: Int32Array;
  uniTok: Int32Array;
  uniState: Int32Array;
  start: number;
  /** Hashes of the real sentences (token-id sequences), to avoid reproducing them verbatim. */
  realSentences: Set<number>;
  minSentence: number;
  maxSentence: number;
  meanSentence: number;
  /** Word counts of the real passages, to sample passage lengths from. */
  passageLengths: Int32Array;
  /** Word counts of the real titles of template kinds, to sample title lengths from. */
  titleLengths: Int32Array;
  /** Every word of every real keywords string, with repeats (so sampling follows frequency). */
  keywordPool: string[];
  /** Real passages of kind note, event or caveat. */
  templates: Passage[];
}

const models = new WeakMap<Corpus, Model>();

/** Common abbreviations whose final '.' does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr.', 'mrs.', 'ms.', 'dr.', 'st.', 'gen.', 'sen.', 'rep.', 'gov.', 'lt.', 'col.', 'jr.', 'sr.',
  'no.', 'vs.', 'inc.', 'co.', 'corp.', 'ltd.', 'e.g.', 'i.e.', 'etc.', 'approx.', 'sheikh.',
  'jan.', 'feb.', 'mar.', 'apr.', 'aug.', 'sept.', 'sep.', 'oct.', 'nov.', 'dec.',
]);
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
const STARTS_SENTENCE = /^["'“‘(\[]*[\p{Lu}\p{N}]/u;
const INITIALS = /^(?:\p{Lu}\.)+$/u;
/** Words a generated title should not end on. */
const TITLE_STOP = new Set([
  'the', 'of', 'and', 'a', 'an', 'to', 'in', 'on', 'with', 'for', 'by', 'that', 'as', 'at', 'from', 'into', 'over',
  'between', 'after', 'before', 'about', 'against', 'than', 'its', 'their', 'his', 'her', 'this', 'these', 'those',
  'it', 'they', 'he', 'she', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'had', 'have', 'will', 'would', 'could',
  'or', 'but', 'not', 'also', 'which', 'who', 'whose', 'what', 'when', 'where', 'while', 'because', 'said', 'says',
]);

/** Splits a passage text into sentences of whitespace tokens. */
function sentencesOf(text: string): string[][] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const sentences: string[][] = [];
  let current: string[] = [];
  tokens.forEach((token, i) => {
    current.push(token);
    const next = tokens[i + 1];
    const ends =
      next === undefined ||
      (SENTENCE_END.test(token) && STARTS_SENTENCE.test(next) && !ABBREVIATIONS.has(token.toLowerCase()) && !INITIALS.test(token));
    if (ends) {
      sentences.push(current);
      current = [];
    }
  });
  return sentences;
}

function hashIds(ids: ArrayLike<number>, length: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < length; i++) {
    const t = ids[i]!;
    h1 = Math.imul(h1 ^ t, 0x01000193);
    h2 = Math.imul(h2 ^ t, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

function buildModel(real: Corpus): Model {
  const words: string[] = ['<s>', '</s>'];
  const wordId = new Map<string, number>();
  const idOf = (w: string): number => {
    let id = wordId.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      wordId.set(w, id);
    }
    return id;
  };

  // States and their successors (with repeats, so sampling follows frequency).
  const stateKey = new Map<number, number>(); // a * V' + b -> state index, built lazily
  const stateA: number[] = [];
  const stateB: number[] = [];
  const succ: number[][] = [];
  const stride = 1 << 20; // token ids stay far below this
  const stateOf = (a: number, b: number): number => {
    const key = a * stride + b;
    let s = stateKey.get(key);
    if (s === undefined) {
      s = stateA.length;
      stateA.push(a);
      stateB.push(b);
      succ.push([]);
      stateKey.set(key, s);
    }
    return s;
  };
  const start = stateOf(BOS, BOS);

  const realSentences = new Set<number>();
  const sentenceLengths: number[] = [];
  const passageLengths: number[] = [];
  for (const passage of real.passages) {
    let length = 0;
    for (const sentence of sentencesOf(passage.text)) {
      const ids = sentence.map(idOf);
      length += ids.length;
      sentenceLengths.push(ids.length);
      realSentences.add(hashIds(ids, ids.length));
      let a = BOS;
      let b = BOS;
      for (const c of [...ids, EOS]) {
        succ[stateOf(a, b)]!.push(c);
        a = b;
        b = c;
      }
    }
    passageLengths.push(length);
  }

  // Flatten into typed arrays: transition j of state s goes to token nextTok[j], state nextState[j].
  const S = stateA.length;
  const stateOff = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) stateOff[s + 1] = stateOff[s]! + succ[s]!.length;
  const nextTok = new Int32Array(stateOff[S]!);
  const nextState = new Int32Array(stateOff[S]!);
  const stateLast = Int32Array.from(stateB);
  for (let s = 0; s < S; s++) {
    const b = stateB[s]!;
    succ[s]!.forEach((c, k) => {
      const j = stateOff[s]! + k;
      nextTok[j] = c;
      nextState[j] = c === EOS ? -1 : stateKey.get(b * stride + c)!;
    });
  }

  // Order-1 backoff: every transition out of any state ending in word b, grouped by b.
  const V = words.length;
  const uniOff = new Int32Array(V + 1);
  for (let s = 0; s < S; s++) uniOff[stateB[s]! + 1]! += succ[s]!.length;
  for (let w = 0; w < V; w++) uniOff[w + 1]! += uniOff[w]!;
  const fill = uniOff.slice(0, V);
  const uniTok = new Int32Array(uniOff[V]!);
  const uniState = new Int32Array(uniOff[V]!);
  for (let s = 0; s < S; s++) {
    const b = stateB[s]!;
    for (let j = stateOff[s]!; j < stateOff[s + 1]!; j++) {
      const k = fill[b]!++;
      uniTok[k] = nextTok[j]!;
      uniState[k] = nextState[j]!;
    }
  }

  const finals = words.map((w) => (w.endsWith('.') ? w : w.replace(/[^\p{L}\p{N}%]+$/u, '') + '.'));
  const titleEnds = words.map((w) => w.replace(/[^\p{L}\p{N}%)’'”]+$/u, ''));
  const titleStop = Uint8Array.from(titleEnds, (w, id) => (id <= EOS || w === '' || TITLE_STOP.has(w.toLowerCase()) ? 1 : 0));
  const encoded = [...words, ...finals, ...titleEnds.map((w, id) => w || words[id]!)].map((w) => Buffer.from(w, 'utf8'));
  const formOff = new Int32Array(encoded.length + 1);
  encoded.forEach((b, f) => (formOff[f + 1] = formOff[f]! + b.length));
  const forms = new Uint8Array(formOff[encoded.length]!);
  encoded.forEach((b, f) => forms.set(b, formOff[f]!));

  const templates = real.passages.filter((p) => TEMPLATE_KINDS.has(p.kind));
  if (templates.length === 0) throw new Error('syntheticCorpus: the real corpus has no note, event or caveat passage to use as a template');
  const titleLengths = templates.map((p) => p.title.split(/\s+/).filter(Boolean).length);
  const keywordPool = real.passages.flatMap((p) =>
    p.keywords
      .split(/[\s;]+/)
      .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter((w) => w.length > 2 && /\p{L}/u.test(w)),
  );
  if (keywordPool.length === 0) keywordPool.push('synthetic');

  const sorted = [...sentenceLengths].sort((x, y) => x - y);
  return {
    words, forms, formOff, titleStop, stateOff, stateLast, nextTok, nextState, uniOff, uniTok, uniState, start, realSentences,
    minSentence: Math.max(3, sorted[Math.floor(sorted.length * 0.02)] ?? 3),
    maxSentence: Math.max(8, sorted[sorted.length - 1] ?? 40),
    meanSentence: sentenceLengths.reduce((x, y) => x + y, 0) / Math.max(1, sentenceLengths.length),
    passageLengths: Int32Array.from(passageLengths),
    titleLengths: Int32Array.from(titleLengths),
    keywordPool,
    templates,
  };
}

function modelOf(real: Corpus): Model {
  let model = models.get(real);
  if (!model) {
    model = buildModel(real);
    models.set(real, model);
  }
  return model;
}

/**
 * Walks the chain from the sentence start into `out` (token ids); returns the length, or 0 when
 * the walk ran past the longest real sentence.
 */
function walk(m: Model, rand: () => number, out: Int32Array): number {
  let s = m.start;
  let n = 0;
  for (;;) {
    let lo = m.stateOff[s]!;
    let count = m.stateOff[s + 1]! - lo;
    let tokens = m.nextTok;
    let states = m.nextState;
    if (count === 1 && n > 0 && rand() < BACKOFF) {
      const b = m.stateLast[s]!;
      lo = m.uniOff[b]!;
      count = m.uniOff[b + 1]! - lo;
      tokens = m.uniTok;
      states = m.uniState;
    }
    const j = lo + Math.floor(rand() * count);
    const t = tokens[j]!;
    if (t === EOS) return n;
    if (n >= out.length) return 0;
    out[n++] = t;
    s = states[j]!;
  }
}

/**
 * A sentence of plausible length, preferably not a verbatim real one and preferably close to
 * `desired` tokens (so passages built of 2–5 sentences keep the real passages' lengths); returns
 * its length.
 */
function sentence(m: Model, rand: () => number, out: Int32Array, spare: Int32Array, desired: number): number {
  let best = 0;
  let bestMiss = Infinity;
  let candidates = 0;
  for (let tries = 0; tries < NOVEL_TRIES * 4 && candidates < CANDIDATES; tries++) {
    const n = walk(m, rand, spare);
    if (n < m.minSentence) continue;
    if (tries < NOVEL_TRIES * 3 && m.realSentences.has(hashIds(spare, n))) continue;
    candidates++;
    const miss = Math.abs(n - desired);
    if (miss < bestMiss) {
      best = n;
      bestMiss = miss;
      for (let i = 0; i < n; i++) out[i] = spare[i]!;
    }
    if (miss <= desired * 0.35) break;
  }
  if (best > 0) return best;
  // The chain keeps reproducing real sentences from here: accept any walk.
  for (;;) {
    const n = walk(m, rand, out);
    if (n > 0) return n;
  }
}

/**
 * Builds a text from token forms as UTF-8 bytes in one reused buffer, decoded into a single flat
 * string at the end: no per-word strings, arrays or joins.
 */
class TextWriter {
  private buf = new Uint8Array(1 << 14);
  /** The same memory as `buf`, for decoding. */
  private view = Buffer.from(this.buf.buffer);
  private len = 0;
  /** Tokens written since the last reset. */
  words = 0;
  private readonly forms: Uint8Array;
  private readonly formOff: Int32Array;

  constructor(private readonly m: Model) {
    this.forms = m.forms;
    this.formOff = m.formOff;
  }

  reset(): void {
    this.len = 0;
    this.words = 0;
  }

  add(form: number): void {
    const forms = this.forms;
    const lo = this.formOff[form]!;
    const hi = this.formOff[form + 1]!;
    if (this.len + hi - lo + 1 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
      this.view = Buffer.from(bigger.buffer);
    }
    const buf = this.buf;
    let len = this.len;
    if (len > 0) buf[len++] = 32;
    for (let i = lo; i < hi; i++) buf[len++] = forms[i]!;
    this.len = len;
    this.words++;
  }

  /** Token ids[0..n) as a sentence: the last one in its sentence-final form. */
  sentence(ids: Int32Array, n: number): void {
    const V = this.m.words.length;
    for (let i = 0; i < n - 1; i++) this.add(ids[i]!);
    this.add(FINAL * V + ids[n - 1]!);
  }

  toString(): string {
    return this.view.toString('utf8', 0, this.len);
  }
}

function title(m: Model, rand: () => number, ids: Int32Array, out: TextWriter): string {
  const want = Math.max(2, m.titleLengths[Math.floor(rand() * m.titleLengths.length)]!);
  let n = 0;
  while (n === 0) n = walk(m, rand, ids);
  let end = Math.min(want, n);
  while (end > 1 && m.titleStop[ids[end - 1]!]) end--;
  out.reset();
  for (let i = 0; i < end - 1; i++) out.add(ids[i]!);
  out.add(TITLE_END * m.words.length + ids[end - 1]!);
  return out.toString();
}

function keywords(m: Model, rand: () => number): string {
  const k = 2 + Math.floor(rand() * 3);
  const picked: string[] = [];
  for (let tries = 0; picked.length < k && tries < k * 4; tries++) {
    const w = m.keywordPool[Math.floor(rand() * m.keywordPool.length)]!;
    if (!picked.includes(w)) picked.push(w);
  }
  return picked.join(' ');
}

function countLabel(kind: PassageKind, entry: Passage['entry']): string {
  switch (kind) {
    case 'note': return `${(entry as CorpusEntry).kind === 'members' ? 'member' : 'candidate'} notes`;
    case 'event': return 'timeline';
    case 'caveat': return 'caveats';
    default: return kind;
  }
}

/**
 * The real corpus plus `(factor - 1) × n` generated passages (n = real passage count), so
 * `factor × n` in all. The real passages come first and are unchanged; `sources` and `entities`
 * are the real maps, shared.
 */
export function syntheticCorpus(real: Corpus, factor: number, seed = 20251106): Corpus {
  const n = real.passages.length;
  const extra = Math.max(0, Math.round(factor * n) - n);
  const m = modelOf(real);
  const rand = mulberry32(seed);
  const ids = new Int32Array(m.maxSentence + 1);
  const spare = new Int32Array(m.maxSentence + 1);
  const writer = new TextWriter(m);
  const counts: Record<string, number> = { ...real.counts };

  const passages: Passage[] = new Array<Passage>(n + extra);
  for (let i = 0; i < n; i++) passages[i] = real.passages[i]!;
  for (let i = 0; i < extra; i++) {
    const template = m.templates[Math.floor(rand() * m.templates.length)]!;
    // Target length: a real passage's, jittered by up to ±15%.
    const base = m.passageLengths[Math.floor(rand() * m.passageLengths.length)]!;
    const target = base * (0.85 + rand() * 0.3);
    const planned = Math.min(MAX_SENTENCES, Math.max(MIN_SENTENCES, Math.round(target / m.meanSentence)));
    writer.reset();
    for (let k = 0; k < planned; k++) {
      const desired = Math.max(m.minSentence, (target - writer.words) / (planned - k));
      writer.sentence(ids, sentence(m, rand, ids, spare, desired));
    }
    const text = writer.toString();
    const passage: Passage = {
      id: `${template.id}~syn${i + 1}`,
      kind: template.kind,
      title: title(m, rand, ids, writer),
      text,
      // Synthetic sentences borrow the attribution of the template's sentences, in turn.
      sentences: splitSentences(text).map(({ text: sentence, start }, k) => {
        const borrowed = template.sentences[k % template.sentences.length]!;
        return { text: sentence, start, support: borrowed.support, corrects: borrowed.corrects };
      }),
      fieldSupport: template.fieldSupport,
      sources: template.sources,
      about: template.about,
      keywords: keywords(m, rand),
      date: template.date,
      precision: template.precision,
      asOf: template.asOf,
      file: SYNTHETIC_FILE,
      entry: template.entry,
    };
    passages[n + i] = passage;
    const label = countLabel(passage.kind, passage.entry);
    counts[label] = (counts[label] ?? 0) + 1;
  }

  const passageById = new Map<string, Passage>();
  for (const p of passages) passageById.set(p.id, p);
  return { sources: real.sources, entities: real.entities, passages, passageById, counts };
}

/**
 * Size figures for the bench report. Words are runs of letters and digits (with inner
 * apostrophes), compared case-insensitively for `distinctWords`.
 */
export function describeSynthetic(corpus: Corpus): {
  passages: number;
  words: number;
  distinctWords: number;
  meanWordsPerPassage: number;
} {
  const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
  const distinct = new Set<string>();
  // Generated passages reuse the same tokens over and over: remember the whitespace tokens
  // already split into words so each distinct token is scanned once.
  const tokenWords = new Map<string, number>();
  let words = 0;
  for (const p of corpus.passages) {
    for (const token of p.text.split(' ')) {
      let count = tokenWords.get(token);
      if (count === undefined) {
        count = 0;
        for (const match of token.matchAll(WORD)) {
          count++;
          distinct.add(match[0].toLowerCase());
        }
        tokenWords.set(token, count);
      }
      words += count;
    }
  }
  const passages = corpus.passages.length;
  return { passages, words, distinctWords: distinct.size, meanWordsPerPassage: passages ? words / passages : 0 };
}
