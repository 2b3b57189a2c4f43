/**
 * Answers about one state or one person from their profile's fields: whether a state is a member
 * (Yes or No first), when it joined (announced and signed), since when a person holds a role, and
 * who holds a role now. Each statement is cited by the sources of the field it comes from.
 */
import type { Corpus, Entity, Passage } from '../corpus/model.ts';
import { fold, terms, words } from '../text/normalize.ts';
import { termsMatch } from '../text/match.ts';
import { MEMBERSHIP_TERMS, NEGATION, type Query } from './question.ts';
import { CitationBuilder, formatDate, type Answer } from './answer.ts';
import { STATUS_LABEL, citeSentences, entryField } from './passages.ts';
import type { EntityMatch } from './entities.ts';

/** Words that make a title a lesser one: a vice president is not the president asked for. */
const SUBORDINATE = new Set(['vice', 'deputy', 'assistant', 'acting', 'former', 'under', 'junior']);
/** Words that only place a role in time ("the current president", "right now"). */
const ROLE_QUALIFIERS = new Set(['current', 'currently', 'now', 'today', 'present', 'sitting', 'serving', 'incumbent'].flatMap((w) => terms(w)));

/** A role title's folded words, each with its stemmed term, read once per title. */
interface TitleWords {
  words: string[];
  terms: string[];
}

/** Whether a role title is the role the question asks for ("president" in "President of Israel"). */
function roleMatches(title: TitleWords, query: Query): boolean {
  if (query.roleTerms.length === 0) return false;
  return query.roleTerms.some((f) =>
    title.words.some((_, i) => termsMatch(f, title.terms[i]!) && !(i > 0 && SUBORDINATE.has(title.words[i - 1]!) && !query.words.has(title.words[i - 1]!))),
  );
}

export class ProfileAnswers {
  /** Role titles of people, read once. */
  private readonly titles = new Map<string, TitleWords>();

  constructor(private readonly corpus: Corpus) {}

  /** Whether a role title is the role the question asks for. */
  holdsRole(title: string, query: Query): boolean {
    return roleMatches(this.titleWords(title), query);
  }

  private titleWords(title: string): TitleWords {
    let parsed = this.titles.get(title);
    if (!parsed) {
      const titleWords = words(title);
      parsed = { words: titleWords, terms: titleWords.map((w) => terms(w)[0] ?? w) };
      this.titles.set(title, parsed);
    }
    return parsed;
  }

  /** "Is X a member?" / "Has X joined?": answered from the state's profile, Yes or No first. */
  membershipAnswer(question: string, entityMatches: EntityMatch[], contentTerms: string[] = [], options: { verdict?: boolean } = {}): Answer | undefined {
    const state = entityMatches.find((m) => m.entity.type === 'state')?.entity;
    if (!state) return undefined;
    const passage = this.corpus.passageById.get(state.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    const quoted = citeSentences(citations, passage, 2);
    const statusCode = (passage.entry as { status?: string }).status ?? '';
    // "Is X a full member?" is answered No for a member that has not completed normalization.
    const member = state.membership === 'member' && !(contentTerms.includes('full') && statusCode !== 'full_normalization');
    const status = STATUS_LABEL[statusCode] ?? '';
    const notFull = !member && state.membership === 'member';
    const statesMembership = !notFull && /\bmember\b/i.test(passage.sentences[0]?.text ?? '');
    const statement = statesMembership
      ? ''
      : member
        ? ` ${state.name} is a member (${status}).`
        : state.membership === 'member'
          ? ` ${state.name} is not a full member: ${status}.`
          : ` ${state.name} is not a member of the Abraham Accords${status && status !== 'not a member' ? ` (${status})` : ''}.`;
    const asOf = passage.asOf;
    const statusMarker = statement ? citations.citeField(passage, 'status', statement.trim()) : '';
    return {
      kind: 'answer', query: question, asOf,
      text: `${options.verdict === false ? '' : member ? 'Yes.' : 'No.'}${statement}${statusMarker ? ` ${statusMarker}` : ''} ${quoted}${asOf ? ` (as of ${formatDate(asOf)})` : ''}`.trim(),
      citations: citations.list(),
    };
  }

  /** "Since when is X president?": the start date of the person's role that the question names. */
  roleDateAnswer(question: string, entityMatches: EntityMatch[], contentTerms: string[]): Answer | undefined {
    const person = entityMatches.find((m) => m.entity.type === 'person')?.entity;
    if (!person || contentTerms.length === 0) return undefined;
    const passage = this.corpus.passageById.get(person.passageId)!;
    const roles = (entryField(passage, 'roles') as { title: string; from?: string | null; to?: string | null }[] | undefined) ?? [];
    const asked = contentTerms.filter((t) => !MEMBERSHIP_TERMS.has(t) && !['become', 'start', 'begin', 'serv', 'hold', 'tak', 'office', 'long'].includes(t));
    const roleIndex = roles.findIndex((r) => r.from && asked.length > 0 && asked.every((t) => terms(r.title).some((w) => termsMatch(t, w))));
    const role = roles[roleIndex];
    if (!role?.from) return undefined;
    const citations = new CitationBuilder(this.corpus);
    const sentences = passage.sentences;
    const year = role.from.slice(0, 4);
    const evidence = sentences.find((s) => s.text.includes(year)) ?? sentences[0]!;
    const until = role.to ? ` until ${formatDate(role.to)}` : '';
    const statement = `${formatDate(role.from)}: ${person.name} became ${role.title}${until}.`;
    const roleMarker = citations.citeField(passage, `roles[${roleIndex}]`, statement, role.from);
    const marker = citations.cite(passage, evidence.text);
    return {
      kind: 'answer', query: question,
      text: `${statement}${roleMarker ? ` ${roleMarker}` : ''} ${evidence.text} ${marker}`,
      citations: citations.list(),
    };
  }

  /**
   * "Who is the foreign minister of Kazakhstan?": the person whose current role (in the `roles`
   * field) is the one asked for, of the state asked about; answered only when exactly one holds it.
   */
  roleHolderAnswer(query: Query): Answer | undefined {
    const { question, answerType, roleTerms, countries, entityMatches, contentTerms } = query;
    if (answerType !== 'person' || roleTerms.length === 0 || countries.size !== 1 || entityMatches.some((m) => m.entity.type === 'person')) return undefined;
    // Only the role and its state: "who is the president of the US", not "who was president when …".
    if (contentTerms.some((t) => !roleTerms.includes(t) && !ROLE_QUALIFIERS.has(t))) return undefined;
    const holders: { person: Entity; passage: Passage; index: number; title: string }[] = [];
    for (const person of this.corpus.entities.values()) {
      if (person.type !== 'person' || !person.country || !countries.has(person.country)) continue;
      const passage = this.corpus.passageById.get(person.passageId)!;
      const roles = (entryField(passage, 'roles') as { title: string; to?: string | null }[] | undefined) ?? [];
      roles.forEach((r, index) => {
        if (!r.to && this.holdsRole(r.title, query)) holders.push({ person, passage, index, title: r.title });
      });
    }
    if (new Set(holders.map((h) => h.person.id)).size !== 1) return undefined;
    const { person, passage, index, title } = holders[0]!;
    const citations = new CitationBuilder(this.corpus);
    const statement = `${person.name}: ${title}.`;
    const roleMarker = citations.citeField(passage, `roles[${index}]`, statement);
    const first = passage.sentences[0];
    const context = first ? ` ${first.text} ${citations.cite(passage, first.text)}` : '';
    // A role no source backs as a field is not stated; the profile's own first sentence says who they are.
    const text = roleMarker ? `${statement} ${roleMarker}${context}` : context.trim();
    if (!text) return undefined;
    return { kind: 'answer', query: question, text, citations: citations.list(), asOf: passage.asOf };
  }

  /** "When did X join?": the announcement and signing dates from the member's profile, date first. */
  joinDateAnswer(question: string, entityMatches: EntityMatch[]): Answer | undefined {
    const state = entityMatches.find((m) => m.entity.type === 'state')?.entity;
    if (!state) return undefined;
    const passage = this.corpus.passageById.get(state.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    if (state.membership !== 'member') {
      return { ...this.membershipAnswer(question, entityMatches)!, query: question };
    }
    const announced = entryField(passage, 'announced') as string | undefined;
    const signed = (entryField(passage, 'signed') as { date: string; place: string; document: string }[] | undefined) ?? [];
    const head = announced ? `${formatDate(announced)}: ${state.name}'s entry into the Abraham Accords was announced.` : '';
    const headMarker = announced ? citations.citeField(passage, 'announced', head, announced) : '';
    let signing = '';
    let signingMarker = '';
    if (signed.length) {
      signing = ` It signed on ${signed.map((s) => `${formatDate(s.date)} (${s.document}, ${s.place})`).join('; ')}.`;
      signingMarker = citations.citeField(passage, 'signed', signing.trim(), signed[0]!.date);
    } else {
      // No signing in the fields: what a passage about the state says of it ("No report … says the
      // signing ceremony … has taken place"), cited, rather than a claim of our own.
      for (const p of this.corpus.passages.filter((x) => x.about.includes(state.id))) {
        const unsigned = p.sentences.find((x) => /\bsign/i.test(x.text) && NEGATION.test(fold(x.text)));
        if (!unsigned) continue;
        signing = ` ${unsigned.text}`;
        signingMarker = citations.cite(p, unsigned.text);
        break;
      }
    }
    const quoted = citeSentences(citations, passage, 1);
    return {
      kind: 'answer', query: question, asOf: passage.asOf,
      text: `${head}${headMarker ? ` ${headMarker}` : ''}${signing}${signingMarker ? ` ${signingMarker}` : ''} ${quoted}`.trim(),
      citations: citations.list(),
    };
  }
}
