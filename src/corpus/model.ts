/** The loaded, validated corpus: what the index and the answer engine work from. */
import type { Actor, CandidateProfile, Caveat, MemberProfile, Note, Precision, Source, TimelineEvent } from './schema.ts';

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
  text: string;
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
