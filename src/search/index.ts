/**
 * The passage index: MiniSearch over article paragraphs and curated facts. Names and aliases of
 * the entities a passage is about are indexed in their own field, so "Bibi" finds Netanyahu's
 * passages even where the text says "Netanyahu".
 */
import MiniSearch, { type SearchResult } from 'minisearch';
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

/** Fuzzy matching only for words long enough that one edit is a typo, not another word. */
export const fuzzyFor = (term: string): number | false => (term.length >= 5 ? 0.2 : false);

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
      filter?: (p: Passage) => boolean;
      boost?: (p: Passage) => number;
      /** Weight of each query term (already processed: folded and stemmed); default 1. */
      termBoost?: (term: string) => number;
      limit?: number;
    },
  ): PassageHit[];
  buildMs: number;
  size: number;
}

export function buildIndex(corpus: Corpus): PassageIndex {
  const started = performance.now();
  const mini = new MiniSearch<IndexedPassage>({
    fields: ['title', 'text', 'names', 'keywords'],
    tokenize: (text) => words(text),
    processTerm: (term) => (STOP_WORDS.has(term) ? null : stem(term)),
    searchOptions: { boost: FIELD_BOOST, fuzzy: fuzzyFor, prefix: false, combineWith: 'OR' },
  });
  mini.addAll(
    corpus.passages.map((p) => ({
      id: p.id,
      title: p.title,
      text: p.text,
      names: p.about
        .map((id) => corpus.entities.get(id))
        .flatMap((e) => (e ? [e.name, ...e.aliases] : []))
        .join(' ; '),
      keywords: p.keywords,
    })),
  );
  const buildMs = performance.now() - started;

  return {
    buildMs,
    size: corpus.passages.length,
    search(query, options = {}) {
      const { filter, boost, termBoost, limit = 10 } = options;
      const results: SearchResult[] = mini.search(query, {
        filter: filter ? (r) => filter(corpus.passageById.get(String(r.id))!) : undefined,
        boostDocument: boost ? (id) => boost(corpus.passageById.get(String(id))!) : undefined,
        boostTerm: termBoost ? (term) => termBoost(term) : undefined,
      });
      return results.slice(0, limit).map((r) => ({
        passage: corpus.passageById.get(String(r.id))!,
        score: r.score,
        matched: r.terms,
      }));
    },
  };
}
