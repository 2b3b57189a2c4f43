/** The loaded, validated corpus: what the index and the answer engine work from. */
import type { Actor, CandidateProfile, Caveat, Evidence, FieldSupport, MemberProfile, Note, Precision, Source, TimelineEvent } from './schema.ts';

export type PassageKind =
  | 'article'
  | 'member'
  | 'candidate'
  | 'note'
  | 'actor'
  | 'event'
  | 'caveat';

/** One citable unit of text: an article paragraph or a curated fact. */
export interface Passage {
  id: string;
  kind: PassageKind;
  /** A short human title: the state, the person, the event headline, the caveat topic. */
  title: string;
  /** The sentences joined by a space: what is indexed and searched. */
  text: string;
  /** The sentences, each with its offset in `text` and the sources that support it. */
  sentences: PassageSentence[];
  /** Sources that back a structured field rather than a sentence. */
  fieldSupport: FieldSupport[];
  /** Every source the passage cites, in any role (support, correction, field), in order of first use. */
  sources: string[];
  /** Entity ids the passage is about. */
  about: string[];
  /**
   * Words for what the passage is (a member's status, a person's roles, an event's date), so a
   * question that asks for that kind of thing ("role", "conditions") can find and be covered by it.
   */
  keywords: string;
  date?: string;
  precision?: Precision;
  asOf?: string;
  /** Where it came from, for error messages and `/source`. */
  file: string;
  entry: CorpusEntry | ArticleParagraph;
}

/** One sentence of a passage and its attribution. */
export interface PassageSentence {
  text: string;
  /** Offset of the sentence in the passage's `text`. */
  start: number;
  /** Sources that support the sentence, each with its own verbatim excerpt. */
  support: Evidence[];
  /** Sources whose claim the sentence corrects: shown as "claimed by …", never as support. */
  corrects: Evidence[];
}

export interface ArticleParagraph {
  type: 'paragraph';
  index: number;
}

export type CorpusEntry =
  | ({ kind: 'members' } & (MemberProfile | Note))
  | ({ kind: 'candidates' } & (CandidateProfile | Note))
  | ({ kind: 'actors' } & Actor)
  | ({ kind: 'timeline' } & TimelineEvent)
  | ({ kind: 'caveats' } & Caveat);

export type Membership = 'member' | 'non-member';

/** A state or a person the bot can name, with every alias a user might type. */
export interface Entity {
  id: string;
  type: 'state' | 'person';
  name: string;
  aliases: string[];
  /** The profile passage of the entity. */
  passageId: string;
  membership?: Membership;
  /** For a person: the state they act for, as named in the corpus ("United States", "Israel"). */
  country?: string;
}

export interface Corpus {
  sources: Map<string, Source>;
  passages: Passage[];
  passageById: Map<string, Passage>;
  entities: Map<string, Entity>;
  /** Counts per kind, for `corpus:check` and the logs. */
  counts: Record<string, number>;
}

export const SEED_SOURCE_ID = 'seed-article';
