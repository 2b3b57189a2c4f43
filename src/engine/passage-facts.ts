/**
 * What the engine reads from the corpus's passages, once: each passage's terms, its sentences with
 * the names and figures they hold, the entities it mentions, and each term's IDF. Ranking and
 * deciding read passages through it, so both read a passage the same way.
 */
import type { Corpus, Passage } from '../corpus/model.ts';
import type { PassageIndex } from '../search/index.ts';
import { terms, words } from '../text/normalize.ts';
import { hasQuantity } from './question.ts';
import type { EntityMatch, EntityResolver } from './entities.ts';
import { unique } from './passages.ts';

/** Facts the engine finds in a corpus when it starts, which a snapshot can carry instead. */
export interface PreparedFacts {
  /** Entities each passage names, by passage id. */
  mentions: [string, string[]][];
}

/** What the engine reads from one sentence of a passage, once, whatever question it meets. */
export interface SentenceFacts {
  text: string;
  /** Offset in the passage. */
  start: number;
  terms: string[];
  /** The sentence's folded words joined by single spaces, with a space at each end. */
  padded: string;
  /** States and people it names by name, alias or surname. */
  named: EntityMatch[];
  hasQuantity: boolean;
}

/** A sentence of a retrieved passage, scored for one question. */
export interface ScoredSentence {
  passage: Passage;
  sentence: string;
  score: number;
  matched: Set<string>;
  /** Position of the sentence in its passage, and all the passage's sentences. */
  index: number;
  sentences: readonly SentenceFacts[];
}

export class PassageFacts {
  /** Each passage's terms (title, text, keywords, names), read the first time a question reaches it. */
  private readonly passageTerms = new Map<string, ReadonlySet<string>>();
  /** Sentence facts per passage id, filled the first time a question reaches the passage. */
  private readonly sentenceFacts = new Map<string, readonly SentenceFacts[]>();
  /** Entities each passage names in its text (by name or alias), beyond those it is about. */
  private readonly mentions: Map<string, string[]>;

  constructor(
    readonly corpus: Corpus,
    private readonly index: PassageIndex,
    private readonly resolver: EntityResolver,
    prepared?: PreparedFacts,
  ) {
    // Mentions are read for every passage a search touches, so they are found up front (or taken
    // from a snapshot made from the same corpus).
    this.mentions = new Map(
      prepared?.mentions ??
        corpus.passages.map((passage) => {
          const named = resolver.find(passage.text, { fuzzy: false }).filter((m) => m.type === 'exact' || m.type === 'alias');
          return [passage.id, unique(named.map((m) => m.entity.id))];
        }),
    );
  }

  /** What the constructor found in the corpus, for a snapshot to hand to the next start. */
  prepared(): PreparedFacts {
    return { mentions: [...this.mentions] };
  }

  /** The entities a passage names in its text. */
  mentionsOf(passageId: string): string[] {
    return this.mentions.get(passageId) ?? [];
  }

  termsOf(passage: Passage): ReadonlySet<string> {
    let set = this.passageTerms.get(passage.id);
    if (!set) {
      set = new Set(terms(`${passage.title} ${passage.text} ${passage.keywords} ${this.namesOf(passage).join(' ')}`));
      this.passageTerms.set(passage.id, set);
    }
    return set;
  }

  /** The sentences of a passage with what the engine reads from each, computed once per passage. */
  sentencesOf(passage: Passage): readonly SentenceFacts[] {
    let facts = this.sentenceFacts.get(passage.id);
    if (!facts) {
      facts = passage.sentences.map(({ text, start }) => ({
        text,
        start,
        terms: terms(text),
        padded: ` ${words(text).join(' ')} `,
        named: this.resolver.find(text, { fuzzy: false }),
        hasQuantity: hasQuantity(text),
      }));
      this.sentenceFacts.set(passage.id, facts);
    }
    return facts;
  }

  /** How rare a term is across passages: rarer terms say more about what a question asks. */
  idf(term: string): number {
    const df = this.index.documentFrequency(term);
    return Math.log(1 + this.corpus.passages.length / (1 + df));
  }

  private namesOf(passage: Passage): string[] {
    return passage.about.map((id) => this.corpus.entities.get(id)).flatMap((e) => (e ? [e.name, ...e.aliases] : []));
  }
}
