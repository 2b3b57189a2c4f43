/**
 * The passage index: MiniSearch over article paragraphs and curated facts. Names and aliases of
 * the entities a passage is about are indexed in their own field, so "Bibi" finds Netanyahu's
 * passages even where the text says "Netanyahu".
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { Corpus, Passage } from '../corpus/model.ts';
import { STOP_WORDS, stem, words } from '../text/normalize.ts';

interface IndexedPassage {
  id: string;
  title: string;
  text: string;
  names: string;
  keywords: string;
}

/** Field boosts: a name or title hit says more about a passage than a word in its body. */
export const FIELD_BOOST = { names: 3, title: 1.5, text: 1, keywords: 0.5 } as const;

/**
 * Fuzzy matching only for words long enough that one edit is a typo, not another word, and only for
 * words the index does not hold: a word the corpus contains is not a typo. Walking MiniSearch's
 * term tree for neighbours of every known word cost a quarter of search time and changed no answer
 * on our question sets (bench/results.md).
 */
export const fuzzyFor =
  (isIndexed: (term: string) => boolean) =>
  (term: string): number | false =>
    term.length >= 5 && !isIndexed(term) ? 0.2 : false;

const processTerm = (term: string): string | null => (STOP_WORDS.has(term) ? null : stem(term));

export interface PassageHit {
  passage: Passage;
  score: number;
  /** Query terms that matched, as MiniSearch reports them. */
  matched: string[];
}

export interface PassageIndex {
  search(
    query: string,
    options?: {
      boost?: (p: Passage) => number;
      /** Weight of each query term (already processed: folded and stemmed); default 1. */
      termBoost?: (term: string) => number;
      /**
       * More words to search for, exactly as spelled: names and synonyms the caller adds are not
       * typos, so they are not expanded to their neighbours as the user's own words are.
       */
      exactTerms?: string;
      limit?: number;
    },
  ): PassageHit[];
  buildMs: number;
  size: number;
  /** How many passages hold a (processed) term. */
  documentFrequency(term: string): number;
  /** The index as plain data, for `loadIndex` in another process (see bench/results.md for when it pays). */
  toJSON(): SerializedIndex;
}

export interface SerializedIndex {
  version: typeof SERIALIZATION_VERSION;
  passages: number;
  mini: AsPlainObject;
  frequency: [string, number][];
}

const SERIALIZATION_VERSION = 1;

/**
 * A query term held by more than this share of passages, and by more than COMMON_TERM_MIN_PASSAGES
 * of them, is not searched for. Its IDF is near zero, yet scoring it means touching most of a large
 * corpus: at 30,000 passages "israel" alone is 23,000 postings. Below that size every term is
 * kept, because MiniSearch multiplies a score by the number of query terms a passage matches, so
 * even a common word ("Abraham" in "why are they called the Abraham Accords?") moves the ranking.
 */
export const COMMON_TERM_SHARE = 0.5;
export const COMMON_TERM_MIN_PASSAGES = 5000;

export interface IndexOptions {
  /** Query terms held by more than max(commonTermMinPassages, commonTermShare × passages) are not searched for. */
  commonTermShare: number;
  commonTermMinPassages: number;
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = { commonTermShare: COMMON_TERM_SHARE, commonTermMinPassages: COMMON_TERM_MIN_PASSAGES };

const FIELDS = ['title', 'text', 'names', 'keywords'];

export function buildIndex(corpus: Corpus, options: IndexOptions = DEFAULT_INDEX_OPTIONS): PassageIndex {
  const started = performance.now();
  const frequency = new Map<string, number>();
  let documentTerms = new Set<string>();
  // At indexing time every term is also counted, so search knows which words are not typos and
  // which are too common to search for.
  const mini = new MiniSearch<IndexedPassage>({
    ...miniOptions(corpus, frequency, options),
    processTerm: (term) => {
      const processed = processTerm(term);
      if (processed) documentTerms.add(processed);
      return processed;
    },
  });
  for (const p of corpus.passages) {
    documentTerms = new Set();
    mini.add({
      id: p.id,
      title: p.title,
      text: p.text,
      names: p.about
        .map((id) => corpus.entities.get(id))
        .flatMap((e) => (e ? [e.name, ...e.aliases] : []))
        .join(' ; '),
      keywords: p.keywords,
    });
    for (const t of documentTerms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  }
  return passageIndex(corpus, mini, frequency, performance.now() - started);
}

/** An index from `toJSON` output, for the same corpus; throws if it was made for another one. */
export function loadIndex(corpus: Corpus, data: SerializedIndex, options: IndexOptions = DEFAULT_INDEX_OPTIONS): PassageIndex {
  const started = performance.now();
  if (data.version !== SERIALIZATION_VERSION || data.passages !== corpus.passages.length) {
    throw new Error(`the serialized index does not fit this corpus (version ${data.version}, ${data.passages} passages; expected ${corpus.passages.length})`);
  }
  const frequency = new Map(data.frequency);
  const mini = MiniSearch.loadJS<IndexedPassage>(data.mini, { ...miniOptions(corpus, frequency, options), processTerm });
  return passageIndex(corpus, mini, frequency, performance.now() - started);
}

function miniOptions(corpus: Corpus, frequency: Map<string, number>, options: IndexOptions): Options<IndexedPassage> {
  const common = Math.max(options.commonTermMinPassages, corpus.passages.length * options.commonTermShare);
  return {
    fields: FIELDS,
    tokenize: (text) => words(text),
    searchOptions: {
      boost: FIELD_BOOST,
      fuzzy: fuzzyFor((t) => frequency.has(t)),
      prefix: false,
      combineWith: 'OR',
      processTerm: (term) => {
        const processed = processTerm(term);
        return processed && (frequency.get(processed) ?? 0) > common ? null : processed;
      },
    },
  };
}

function passageIndex(corpus: Corpus, mini: MiniSearch<IndexedPassage>, frequency: Map<string, number>, buildMs: number): PassageIndex {
  return {
    buildMs,
    size: corpus.passages.length,
    documentFrequency: (term) => frequency.get(term) ?? 0,
    toJSON: () => ({ version: SERIALIZATION_VERSION, passages: corpus.passages.length, mini: mini.toJSON(), frequency: [...frequency] }),
    search(query, options = {}) {
      const { boost, termBoost, exactTerms, limit = 10 } = options;
      const results: SearchResult[] = mini.search(exactTerms ? { combineWith: 'OR', queries: [query, { queries: [exactTerms], fuzzy: false }] } : query, {
        boostTerm: termBoost ? (term) => termBoost(term) : undefined,
      });
      // A passage's boost multiplies every term's share of its score alike, so it is applied once
      // per result here rather than handed to MiniSearch, which asks for it once per matching
      // term and field (a quarter of search time on large corpora).
      const hits: PassageHit[] = results.map((r) => {
        const passage = corpus.passageById.get(String(r.id))!;
        return { passage, score: boost ? r.score * boost(passage) : r.score, matched: r.terms };
      });
      return boost ? topByScore(hits, limit) : hits.slice(0, limit);
    },
  };
}

/** The `limit` best hits, best first; ties keep MiniSearch's order. */
function topByScore(hits: PassageHit[], limit: number): PassageHit[] {
  if (limit >= hits.length) return hits.sort((a, b) => b.score - a.score);
  const top: PassageHit[] = [];
  for (const hit of hits) {
    if (top.length === limit && hit.score <= top[limit - 1]!.score) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < hit.score) at--;
    top.splice(at, 0, hit);
    if (top.length > limit) top.pop();
  }
  return top;
}
