/**
 * The answer engine: question or command in, transport-neutral Answer out.
 *
 * A free question goes through: clean → shape (intent) → entities → retrieval (MiniSearch, boosted
 * toward the named entities) → sentence extraction → abstention check → an answer in the form the
 * intent asks for. Every sentence the answer states is quoted, verbatim, in a citation.
 */
import type { Corpus, Entity, Passage } from '../corpus/model.ts';
import { SEED_SOURCE_ID } from '../corpus/model.ts';
import type { PassageHit, PassageIndex } from '../search/index.ts';
import { editDistance, fold, terms, words } from '../text/normalize.ts';
import { englishFrame, nationalitiesIn, synonymsOf, transliterate } from './lexicon.ts';
import { splitSentences } from '../text/sentences.ts';
import { CitationBuilder, formatDate, type Answer } from './answer.ts';
import { EntityResolver, type EntityMatch } from './entities.ts';
import { asksForMemberList, shapeOf, type QuestionShape } from './intent.ts';

/** Questions longer than this are answered from their beginning; the rest is noise for retrieval. */
export const MAX_QUESTION_CHARS = 500;

/** Abstention thresholds, calibrated on the question sets in tests/ (see DESIGN.md). */
export const ABSTAIN = {
  /** Share of the question's content (by IDF weight) that the best passage must cover. */
  minCoverage: 0.34,
  /** The same, when the question names no known state or person. */
  minCoverageWithoutEntity: 0.5,
} as const;

const STATUS_LABEL: Record<string, string> = {
  full_normalization: 'full normalization with Israel',
  declaration_only: 'signed the Abraham Accords Declaration only; normalization with Israel not completed',
  announced_accession: 'accession announced; formal signing not confirmed',
  not_member: 'not a member',
  declared_intent: 'not a member; has declared its intention to join',
  in_talks: 'not a member; in talks',
  declined: 'not a member; has declined to join',
};

interface ScoredSentence {
  passage: Passage;
  sentence: string;
  score: number;
  matched: Set<string>;
  /** Position of the sentence in its passage, and all the passage's sentences. */
  index: number;
  sentences: string[];
}

type AnswerType = 'person' | 'number' | undefined;

interface Query {
  question: string;
  /** The question with foreign function words in English and Cyrillic in Latin letters. */
  english: string;
  shape: QuestionShape;
  entityMatches: EntityMatch[];
  /** Stemmed words that carry the question's content: no stop words, question words or names. */
  contentTerms: string[];
  /** Content terms naming what is asked for ("What travel arrangement" → travel, arrangement). */
  focusTerms: Set<string>;
  /** States the question names, by name or nationality, for matching people to them. */
  countries: Set<string>;
  answerType: AnswerType;
}

const MEMBERSHIP_TERMS = new Set(
  ['member', 'join', 'sign', 'signatory', 'part', 'officially', 'formally', 'already', 'yet', 'country', 'state', 'become', 'accession', 'enter', 'entry'].map(
    (w) => terms(w)[0] ?? w,
  ),
);

/** Is the question only about membership itself ("has X joined", "when did X sign")? */
function isAboutMembership(contentTerms: string[]): boolean {
  return contentTerms.every((t) => MEMBERSHIP_TERMS.has(t));
}

const PERSON_QUESTION =
  /^(who|whom|whose)\b|\b(which|what)\s+(\w+\s+){0,3}?(envoy|minister|president|king|prince|official|leader|diplomat|negotiator|adviser|advisor|secretary|speaker|general|ambassador|person|man|woman|ruler|monarch|spokesman|chief)\b/;
const NUMBER_QUESTION = /\b(how many|how much|what share|what percentage|what proportion|what number|how large|what sum)\b/;

function answerTypeOf(english: string): AnswerType {
  const q = fold(english);
  if (NUMBER_QUESTION.test(q)) return 'number';
  if (PERSON_QUESTION.test(q)) return 'person';
  return undefined;
}

const AUXILIARIES = new Set(['did', 'does', 'do', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'might', 'may']);

/** The words after "what"/"which" up to the verb: the thing the question asks for. */
function focusOf(english: string): string[] {
  const folded = words(english);
  const at = folded.findIndex((w) => w === 'what' || w === 'which');
  if (at < 0) return [];
  const focus: string[] = [];
  for (const w of folded.slice(at + 1, at + 5)) {
    if (AUXILIARIES.has(w)) break;
    focus.push(w);
  }
  return focus.flatMap((w) => terms(w));
}

function nextSentence(s: ScoredSentence): ScoredSentence | undefined {
  const text = s.sentences[s.index + 1];
  return text ? { ...s, sentence: text, index: s.index + 1 } : undefined;
}

/** Entity matches from the original and the English-framed question, without duplicates. */
function mergeMatches(a: EntityMatch[], b: EntityMatch[]): EntityMatch[] {
  const seen = new Set(a.map((m) => m.entity.id));
  return [...a, ...b.filter((m) => !seen.has(m.entity.id))];
}

export class AnswerEngine {
  readonly resolver: EntityResolver;
  private readonly documentFrequency = new Map<string, number>();
  private readonly passageTerms = new Map<string, Set<string>>();

  constructor(readonly corpus: Corpus, readonly index: PassageIndex) {
    this.resolver = new EntityResolver(corpus);
    for (const passage of corpus.passages) {
      const set = new Set(terms(`${passage.title} ${passage.text} ${passage.keywords} ${this.namesOf(passage).join(' ')}`));
      this.passageTerms.set(passage.id, set);
      for (const t of set) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
  }

  // ── Free questions ──────────────────────────────────────────────────────────────────────────

  ask(rawQuestion: string): Answer {
    const question = cleanQuestion(rawQuestion);
    if (!question) return this.decline(rawQuestion, 'Ask me a question about the Abraham Accords, for example "When did Morocco join?"');
    const query = this.analyze(question);
    const { shape, entityMatches, contentTerms } = query;

    const namesState = entityMatches.some((m) => m.entity.type === 'state');
    if (!shape.aboutArticle && !namesState && asksForMemberList(query.english, contentTerms)) return { ...this.members(), query: question };

    const onlyEntity = entityMatches.length === 1 && contentTerms.length === 0;
    if (onlyEntity || (shape.intent === 'whois' && entityMatches.length === 1 && contentTerms.length <= 1 && !query.answerType)) {
      return { ...this.profile(entityMatches[0]!.entity), query: question };
    }
    if (!shape.aboutArticle && isAboutMembership(contentTerms)) {
      if (shape.intent === 'yesno') {
        const membership = this.membershipAnswer(question, entityMatches);
        if (membership) return membership;
      }
      if (shape.intent === 'when') {
        const joined = this.joinDateAnswer(question, entityMatches);
        if (joined) return joined;
      }
    }
    return this.searchAnswer(query);
  }

  /** Everything the engine reads from a question before searching. */
  private analyze(question: string): Query {
    const english = englishFrame(question);
    const shape = shapeOf(english);
    const entityMatches = mergeMatches(this.resolver.find(question), this.resolver.find(english));
    const entityWords = new Set(entityMatches.flatMap((m) => m.span.split(' ')).flatMap((w) => terms(transliterate(w))));
    const contentTerms = unique(terms(english).filter((t) => !shape.frameWords.has(t) && !entityWords.has(t)));
    const focusTerms = new Set(focusOf(english).filter((t) => contentTerms.includes(t)));
    const countries = new Set([
      ...entityMatches.filter((m) => m.entity.type === 'state').map((m) => m.entity.name),
      ...nationalitiesIn(fold(english)),
    ]);
    return { question, english, shape, entityMatches, contentTerms, focusTerms, countries, answerType: answerTypeOf(english) };
  }

  private searchAnswer(query: Query): Answer {
    const { question, shape, entityMatches, contentTerms } = query;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    const expanded = unique(contentTerms.flatMap((t) => synonymsOf(t)));
    const searchText = [query.english, ...entityMatches.map((m) => m.entity.name), ...expanded.filter((t) => !contentTerms.includes(t))].join(' ');
    const hits = this.index.search(searchText, {
      limit: 12,
      boost: (p) => {
        let boost = 1;
        if (shape.aboutArticle) boost *= p.kind === 'article' ? 3 : p.sources.includes(SEED_SOURCE_ID) ? 1.5 : 0.5;
        if (p.about.some((id) => entityIds.has(id))) boost *= 2;
        if (shape.intent === 'when' && p.date && p.kind !== 'article') boost *= 1.3;
        if (shape.intent === 'why' && p.kind === 'caveat') boost *= 1.3;
        return boost;
      },
    });
    if (hits.length === 0) return this.decline(question);

    const ranked = this.rankSentences(hits, query);
    // A question about the article is answered from the article first.
    const best = shape.aboutArticle ? (ranked.find((s) => s.passage.kind === 'article') ?? ranked[0]) : ranked[0];
    if (!best) return this.decline(question);

    // Abstain when the best passage does not cover what the question is about.
    if (!this.covers(best.passage, query)) return this.decline(question);

    const chosen: ScoredSentence[] = [best];
    const following = ranked.find((s) => s.passage.id === best.passage.id && s.index === best.index + 1);
    const needsContext =
      best.sentence.length < 90 || /:$/.test(best.sentence) || (query.answerType === 'person' && !this.mentionsPerson(best.sentence, entityIds));
    if (following && (needsContext || following.score >= best.score * 0.85)) chosen.push(following);
    else if (needsContext) {
      const next = nextSentence(best);
      if (next) chosen.push(next);
    }
    const second = ranked.find(
      (s) => !chosen.some((c) => c.passage.id === s.passage.id) && s.score >= best.score * 0.8 && [...s.matched].some((t) => !best.matched.has(t)),
    );
    if (second && shape.intent !== 'when' && chosen.length < 2) chosen.push(second);
    // Where the article and other reports differ, show both.
    if (chosen.some((s) => s.passage.kind === 'article')) {
      const correction = ranked.find((s) => s.passage.kind === 'caveat' && s.passage.sources.includes(SEED_SOURCE_ID) && s.score >= best.score * 0.5);
      if (correction && !chosen.some((c) => c.passage.id === correction.passage.id)) chosen.push(correction);
    }
    return this.compose(query, chosen);
  }

  /** Joins the chosen sentences into the answer text, each followed by its citation marker. */
  private compose(query: Query, chosen: ScoredSentence[]): Answer {
    const citations = new CitationBuilder(this.corpus);
    const parts: string[] = [];
    chosen.forEach((s, i) => {
      const sameAsNext = chosen[i + 1]?.passage.id === s.passage.id;
      const marker = citations.cite(s.passage, s.sentence);
      let sentence = s.sentence;
      if (i === 0 && query.shape.intent === 'when' && s.passage.date && s.passage.kind !== 'article' && !mentionsDate(sentence, s.passage.date)) {
        sentence = `${formatDate(s.passage.date)}: ${sentence}`;
      }
      parts.push(sameAsNext ? sentence : `${sentence} ${marker}`);
    });
    const asOf = latest(chosen.map((s) => s.passage.asOf));
    let text = parts.join(' ');
    if (asOf && !/\bas of\b/i.test(text)) text += ` (as of ${formatDate(asOf)})`;
    return { kind: 'answer', query: query.question, text, citations: citations.list(), asOf };
  }

  /** Scores every sentence of the top passages by the question terms it contains, weighted by IDF. */
  private rankSentences(hits: PassageHit[], query: Query): ScoredSentence[] {
    const { contentTerms, entityMatches, shape, answerType, focusTerms } = query;
    const topScore = hits[0]!.score;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    const out: ScoredSentence[] = [];
    for (const hit of hits.slice(0, 8)) {
      const passageWeight = hit.score / topScore;
      const aboutEntity = hit.passage.about.some((id) => entityIds.has(id));
      const sentences = splitSentences(hit.passage.text);
      const titleTerms = terms(`${hit.passage.title} ${hit.passage.keywords}`);
      const inTitle = contentTerms.filter((t) => synonymsOf(t).some((syn) => titleTerms.some((s) => termsMatch(syn, s))));
      sentences.forEach(({ text: sentence }, index) => {
        const sentenceTerms = terms(sentence);
        const matched = new Set(contentTerms.filter((t) => synonymsOf(t).some((syn) => sentenceTerms.some((s) => termsMatch(syn, s)))));
        let score = [...matched].reduce((sum, t) => sum + this.idf(t) * (focusTerms.has(t) ? 2 : 1), 0);
        // What the passage as a whole is about counts a little for each of its sentences.
        score += inTitle.filter((t) => !matched.has(t)).reduce((sum, t) => sum + this.idf(t) / 2, 0);
        const folded = words(sentence).join(' ');
        const namesEntity = entityMatches.some((m) => [m.entity.name, ...m.entity.aliases].some((n) => folded.includes(words(n).join(' '))));
        if (namesEntity) score += 1.5;
        else if (aboutEntity) score += 0.75;
        if (shape.intent === 'when' && /\b(1[89]|20)\d\d\b/.test(sentence)) score += 1;
        if (answerType === 'person') score += this.personScore(sentence, entityIds, query.countries);
        if (answerType === 'number' && /\d/.test(sentence)) score += 1.5;
        score += passageWeight * 1.5;
        out.push({ passage: hit.passage, sentence, score, matched, index, sentences: sentences.map((x) => x.text) });
      });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** For "who" questions: a sentence naming someone new scores, more so someone of the state asked about. */
  private personScore(sentence: string, exclude: Set<string>, countries: Set<string>): number {
    const people = this.resolver.find(sentence).filter((m) => m.entity.type === 'person' && !exclude.has(m.entity.id) && m.type !== 'fuzzy');
    if (people.length === 0) return -1;
    return people.some((m) => m.entity.country && countries.has(m.entity.country)) ? 4 : 2;
  }

  /** Does the sentence name a person other than those the question already names? */
  private mentionsPerson(sentence: string, exclude: Set<string>): boolean {
    return this.resolver.find(sentence).some((m) => m.entity.type === 'person' && !exclude.has(m.entity.id) && m.type !== 'fuzzy');
  }

  /** Does the passage cover enough of the question's content to answer it? */
  private covers(passage: Passage, query: Query): boolean {
    const { contentTerms, entityMatches, shape } = query;
    if (contentTerms.length === 0) return entityMatches.length > 0 || shape.aboutArticle;
    const passageTerms = this.passageTerms.get(passage.id)!;
    let total = 0;
    let covered = 0;
    for (const t of contentTerms) {
      const weight = this.idf(t);
      total += weight;
      if (synonymsOf(t).some((syn) => [...passageTerms].some((p) => termsMatch(syn, p)))) covered += weight;
    }
    if (covered === 0) return false;
    const needed = entityMatches.length > 0 || shape.aboutArticle ? ABSTAIN.minCoverage : ABSTAIN.minCoverageWithoutEntity;
    return covered / total >= needed;
  }

  /** "Is X a member?" / "Has X joined?": answered from the state's profile, Yes or No first. */
  private membershipAnswer(question: string, entityMatches: EntityMatch[]): Answer | undefined {
    const state = entityMatches.find((m) => m.entity.type === 'state')?.entity;
    if (!state) return undefined;
    const passage = this.corpus.passageById.get(state.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    const quoted = citeSentences(citations, passage, 2);
    const member = state.membership === 'member';
    const status = STATUS_LABEL[(passage.entry as { status?: string }).status ?? ''] ?? '';
    const statesMembership = /\bmember\b/i.test(splitSentences(passage.text)[0]?.text ?? '');
    const statement = statesMembership
      ? ''
      : member
        ? ` ${state.name} is a member (${status}).`
        : ` ${state.name} is not a member of the Abraham Accords${status && status !== 'not a member' ? ` (${status})` : ''}.`;
    const asOf = passage.asOf;
    return {
      kind: 'answer', query: question, asOf,
      text: `${member ? 'Yes.' : 'No.'}${statement} ${quoted}${asOf ? ` (as of ${formatDate(asOf)})` : ''}`,
      citations: citations.list(),
    };
  }

  /** "When did X join?": the announcement and signing dates from the member's profile, date first. */
  private joinDateAnswer(question: string, entityMatches: EntityMatch[]): Answer | undefined {
    const state = entityMatches.find((m) => m.entity.type === 'state')?.entity;
    if (!state) return undefined;
    const passage = this.corpus.passageById.get(state.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    if (state.membership !== 'member') {
      return { ...this.membershipAnswer(question, entityMatches)!, query: question };
    }
    const announced = entryField(passage, 'announced') as string | undefined;
    const signed = (entryField(passage, 'signed') as { date: string; place: string; document: string }[] | undefined) ?? [];
    const signing = signed.length
      ? ` It signed on ${signed.map((s) => `${formatDate(s.date)} (${s.document}, ${s.place})`).join('; ')}.`
      : ' No signing ceremony is confirmed by the sources.';
    const head = announced ? `${formatDate(announced)}: ${state.name}'s entry into the Abraham Accords was announced.` : '';
    const quoted = citeSentences(citations, passage, 1);
    return {
      kind: 'answer', query: question, asOf: passage.asOf,
      text: `${head}${signing} ${quoted}`.trim(),
      citations: citations.list(),
    };
  }

  // ── Commands ─────────────────────────────────────────────────────────────────────────────────

  /** `/accords members`: every member state with its status and dates, then the common non-members. */
  members(): Answer {
    const citations = new CitationBuilder(this.corpus, 1);
    const profiles = this.corpus.passages.filter((p) => p.kind === 'member');
    profiles.sort((a, b) => String(entryField(a, 'announced')).localeCompare(String(entryField(b, 'announced'))));
    const lines = profiles.map((p, i) => {
      const announced = entryField(p, 'announced');
      const signed = (entryField(p, 'signed') as { date: string }[] | undefined)?.[0]?.date;
      const status = STATUS_LABEL[String(entryField(p, 'status'))] ?? '';
      const dates = [announced ? `announced ${formatDate(String(announced))}` : '', signed ? `signed ${formatDate(signed)}` : '']
        .filter(Boolean)
        .join(', ');
      return `${i + 1}. ${p.title}: ${status}${dates ? `; ${dates}` : ''} ${citations.cite(p)}`;
    });
    const asOf = latest(profiles.map((p) => p.asOf));
    const others = this.corpus.passages.filter((p) => p.kind === 'candidate').map((p) => p.title);
    const text =
      `Abraham Accords members${asOf ? ` as of ${formatDate(asOf)}` : ''}:\n${lines.join('\n')}` +
      (others.length ? `\nNot members (often asked about): ${others.join(', ')}.` : '');
    return { kind: 'list', query: '/accords members', text, citations: citations.list(), asOf };
  }

  /** `/accords timeline`: dated events in order, optionally only those about one state or person. */
  timeline(about?: string): Answer {
    const entity = about ? this.resolver.resolve(about)?.entity : undefined;
    if (about && !entity) return this.unknownName(about, `/accords timeline about:${about}`);
    const citations = new CitationBuilder(this.corpus, 1);
    const events = this.corpus.passages
      .filter((p) => p.kind === 'event' && (!entity || p.about.includes(entity.id)))
      .sort((a, b) => a.date!.localeCompare(b.date!));
    const lines = events.map((p) => `${formatDate(p.date!)}: ${p.title} ${citations.cite(p)}`);
    const heading = entity ? `Timeline for ${entity.name}` : 'Abraham Accords timeline';
    return {
      kind: 'timeline', query: `/accords timeline${entity ? ` about:${entity.name}` : ''}`,
      text: `${heading} (${events.length} events):\n${lines.join('\n')}`,
      citations: citations.list(),
    };
  }

  /** `/accords caveats`: every caveat topic with its first sentence. */
  caveats(): Answer {
    const citations = new CitationBuilder(this.corpus, 1);
    const caveats = this.corpus.passages.filter((p) => p.kind === 'caveat');
    const lines = caveats.map((p) => {
      const sentence = splitSentences(p.text)[0]!.text;
      return `• ${p.title}: ${sentence} ${citations.cite(p, sentence)}`;
    });
    return { kind: 'list', query: '/accords caveats', text: `Caveats and disputes (${caveats.length}):\n${lines.join('\n')}`, citations: citations.list() };
  }

  /** `/accords about`: what the bot knows, from what, and how current it is. */
  about(): Answer {
    const c = this.corpus;
    const count = (kind: Passage['kind']) => c.passages.filter((p) => p.kind === kind).length;
    const eventDates = c.passages.filter((p) => p.kind === 'event' && p.date).map((p) => p.date!);
    const newest = eventDates.sort().at(-1);
    const checked = latest([...c.sources.values()].map((s) => s.checked));
    const seed = c.sources.get(SEED_SOURCE_ID);
    const citations = new CitationBuilder(c);
    const overview = this.index.search('Abraham Accords Declaration agreements normalize relations Israel', { limit: 1, filter: (p) => p.kind !== 'article' })[0];
    const overviewLine = overview ? `${firstSentenceOf(overview.passage)} ${citations.cite(overview.passage, firstSentenceOf(overview.passage))}\n` : '';
    const text =
      overviewLine +
      `accords-bot answers from ${c.sources.size} sources: ${count('member')} member states, ${count('candidate')} non-members and candidates, ` +
      `${count('actor')} people, ${count('event')} dated events, ${count('caveat')} caveats, and one news article` +
      (seed?.published ? ` (reported ${formatDate(seed.published)})` : '') +
      `. Every answer quotes and cites the passages it rests on; when the sources do not answer, it says so.` +
      (newest ? ` The newest event on record is dated ${formatDate(newest)}.` : '') +
      (checked ? ` Sources last checked ${formatDate(checked)}.` : '');
    return { kind: 'about', query: '/accords about', text, citations: citations.list() };
  }

  /** `/whois name`: the profile of a person or state, resolved through aliases and typos. */
  whois(name: string): Answer {
    const match = this.resolver.resolve(name);
    if (!match) return this.unknownName(name, `/whois ${name}`);
    return { ...this.profile(match.entity), query: `/whois ${name}` };
  }

  profile(entity: Entity): Answer {
    const passage = this.corpus.passageById.get(entity.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    const lines: string[] = [];
    if (entity.type === 'person') {
      const roles = (entryField(passage, 'roles') as { title: string; from?: string | null; to?: string | null }[] | undefined) ?? [];
      const roleText = roles.map((r) => `${r.title}${dateRange(r.from, r.to)}`).join('; ');
      lines.push(`${entity.name}${roleText ? `: ${roleText}` : ''}.`);
    } else {
      const status = STATUS_LABEL[String(entryField(passage, 'status'))] ?? '';
      lines.push(`${entity.name}: ${status}${passage.asOf ? ` (as of ${formatDate(passage.asOf)})` : ''}.`);
    }
    lines.push(citeSentences(citations, passage));
    return { kind: 'profile', query: entity.name, text: lines.join('\n'), citations: citations.list(), asOf: passage.asOf };
  }

  /** `/source id`: a passage with all its sources, or a source with the passages that cite it. */
  source(id: string): Answer {
    const key = id.trim().toLowerCase();
    const passage = this.corpus.passageById.get(key);
    if (passage) {
      const citations = new CitationBuilder(this.corpus, Infinity);
      const sentences = splitSentences(passage.text);
      const marker = citations.cite(passage, sentences[0]?.text ?? passage.text);
      const when = passage.date ? ` (${formatDate(passage.date)})` : passage.asOf ? ` (as of ${formatDate(passage.asOf)})` : '';
      return { kind: 'source', query: `/source ${key}`, text: `${passage.title}${when}: ${passage.text} ${marker}`, citations: citations.list() };
    }
    const source = this.corpus.sources.get(key);
    if (source) {
      const citing = this.corpus.passages.filter((p) => p.sources.includes(key));
      const citations = new CitationBuilder(this.corpus, Infinity);
      const lines = citing.slice(0, 10).map((p) => `• ${p.id}: ${firstSentenceOf(p)} ${citations.cite(p, firstSentenceOf(p))}`);
      const meta = [source.publisher ?? 'publisher not shown', source.published ? formatDate(source.published) : 'date not shown', source.url ?? 'no URL']
        .join(' · ');
      const more = citing.length > 10 ? `\n…and ${citing.length - 10} more passages.` : '';
      return {
        kind: 'source', query: `/source ${key}`,
        text: `${source.title} (${meta}; checked ${formatDate(source.checked)})${source.note ? `\n${source.note}` : ''}\nCited by ${citing.length} passage${citing.length === 1 ? '' : 's'}:\n${lines.join('\n')}${more}`,
        citations: citations.list().filter((c) => c.sourceId === key),
      };
    }
    const suggestions = this.closestIds(key);
    return {
      kind: 'no_answer', query: `/source ${id}`, citations: [], suggestions,
      text: `There is no passage or source with the id "${truncate(id, 80)}".` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    };
  }

  /** Passage and source ids for `/source` autocomplete and "did you mean". */
  closestIds(text: string, limit = 5): string[] {
    const key = text.trim().toLowerCase();
    const ids = [...this.corpus.passageById.keys(), ...this.corpus.sources.keys()];
    if (!key) return ids.slice(0, limit);
    const scored = ids.map((id) => ({
      id,
      score: id === key ? 0 : id.startsWith(key) ? 1 : id.includes(key) ? 2 : 3 + editDistance(key, id.slice(0, key.length + 2), 10),
    }));
    return scored.filter((s) => s.score < 6).sort((a, b) => a.score - b.score || a.id.localeCompare(b.id)).slice(0, limit).map((s) => s.id);
  }

  // ── Declining ────────────────────────────────────────────────────────────────────────────────

  decline(question: string, reason?: string): Answer {
    const suggestions = this.suggestionsFor(question);
    const text =
      (reason ?? "I can't answer that from my sources, so I won't guess.") +
      ' I can answer questions about the Abraham Accords: who the members are and since when, the people involved, what happened when, and the caveats.' +
      (suggestions.length ? ` Did you mean: ${suggestions.join('; ')}?` : '');
    return { kind: 'no_answer', query: question, text, citations: [], suggestions };
  }

  private unknownName(name: string, query: string): Answer {
    const suggestions = this.resolver.suggest(name, 5).map((s) => s.entity.name);
    return {
      kind: 'no_answer', query, citations: [], suggestions,
      text: `I don't have anyone or any state called "${truncate(name, 80)}" in my sources.` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    };
  }

  private suggestionsFor(question: string): string[] {
    const named = this.resolver.find(question).map((m) => `/whois ${m.entity.name}`);
    const close = words(question)
      .filter((w) => w.length >= 5)
      .flatMap((w) => this.resolver.suggest(w, 1).filter((s) => s.type === 'fuzzy' || s.type === 'prefix'))
      .map((s) => `/whois ${s.entity.name}`);
    return unique([...named, ...close]).slice(0, 3);
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────

  private idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + this.corpus.passages.length / (1 + df));
  }

  private namesOf(passage: Passage): string[] {
    return passage.about.map((id) => this.corpus.entities.get(id)).flatMap((e) => (e ? [e.name, ...e.aliases] : []));
  }
}

/** Two folded, stemmed terms match when equal, when one inflects the other, or by one typo in a long word. */
export function termsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (shorter.length >= 4 && longer.startsWith(shorter) && longer.length - shorter.length <= 3 && !/^\d+$/.test(shorter)) return true;
  return shorter.length >= 6 && editDistance(a, b, 1) <= 1;
}

/** Strips what is not part of a question: Discord mentions, markdown, surplus length. */
export function cleanQuestion(raw: string): string {
  return raw
    .slice(0, MAX_QUESTION_CHARS * 2)
    .replace(/<a?:\w+:\d+>/g, ' ') // custom emoji
    .replace(/<[@#][!&]?\d+>/g, ' ') // user, role and channel mentions
    .replace(/@(everyone|here)\b/g, ' ')
    .replace(/[`*_~|>]+/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

/** The first `limit` sentences of a passage, verbatim, followed by one citation marker. */
function citeSentences(citations: CitationBuilder, passage: Passage, limit = Infinity): string {
  const sentences = splitSentences(passage.text).slice(0, limit);
  if (sentences.length === 0) return '';
  const span = passage.text.slice(sentences[0]!.start, sentences.at(-1)!.start + sentences.at(-1)!.text.length);
  return `${span} ${citations.cite(passage, span)}`;
}

function mentionsDate(sentence: string, iso: string): boolean {
  const year = iso.slice(0, 4);
  return sentence.includes(year);
}

function latest(dates: (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => Boolean(d)).sort().at(-1);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function entryField(passage: Passage, field: string): unknown {
  return (passage.entry as unknown as Record<string, unknown>)[field];
}

function firstSentenceOf(passage: Passage): string {
  return splitSentences(passage.text)[0]?.text ?? passage.text;
}

function dateRange(from?: string | null, to?: string | null): string {
  if (from && to) return ` (${formatDate(from)} to ${formatDate(to)})`;
  if (from) return ` (since ${formatDate(from)})`;
  if (to) return ` (until ${formatDate(to)})`;
  return '';
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
