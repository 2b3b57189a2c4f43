/**
 * The answer engine: question or command in, transport-neutral Answer out.
 *
 * A free question goes through: clean → shape (intent) → entities → retrieval (MiniSearch, boosted
 * toward the named entities) → sentence extraction → abstention check → an answer in the form the
 * intent asks for. Every sentence the answer states is followed by the sources that support it,
 * each citation quoting that source's own words.
 */
import type { Corpus, Entity, Passage } from '../corpus/model.ts';
import { SEED_SOURCE_ID } from '../corpus/model.ts';
import type { PassageHit, PassageIndex } from '../search/index.ts';
import { STOP_WORDS, fold, stem, terms, words } from '../text/normalize.ts';
import { termsMatch } from '../text/match.ts';
import { synonymsOf } from './lexicon.ts';
import {
  NEGATION, OPPOSITES, ROLE_TERMS, cleanQuestion, finalQuestion, questionParts, hasQuantity, isAboutMembership, laterThan, type Query,
} from './question.ts';
import { CitationBuilder, formatDate, joinAnswers, type Answer } from './answer.ts';
import { readChat } from './chat.ts';
import { defaultVectors, type WordVectors } from '../text/vectors.ts';
import { defaultTranslator, type Translator } from '../text/translate.ts';
import { probability, type DecisionModel, type FeatureVector } from './decide.ts';
import { ANSWERABILITY_MODEL, DECISION_MODEL, RANKING_WEIGHTS } from './decision-model.ts';
import { questionFeatures, unanswerableProbability, type AnswerabilityModel } from './answerability.ts';
import { readFollowUp } from './followup.ts';
import { StructuredAnswers } from './structured.ts';
import { ProfileAnswers } from './profile-answers.ts';
import { BrowseViews } from './views.ts';
import { QuestionReader } from './read.ts';
import { OVERVIEW_PASSAGE_ID, citeSentences, entryField, latest, truncate, unique } from './passages.ts';
import { HAND_RANKING_WEIGHTS, NO_RANKING_FEATURES, RANKING_FEATURES, type RankingFeatures, type RankingWeights } from './rank.ts';
import { EntityResolver, type EntityMatch } from './entities.ts';
import { asksForMemberList } from './intent.ts';

export { OVERVIEW_PASSAGE_ID, truncate };

/** The corpus entry that says what the accords are, shown first by `/accords about`. */

/** Facts the engine finds in a corpus when it starts, which a snapshot can carry instead. */
export interface PreparedFacts {
  /** Entities each passage names, by passage id. */
  mentions: [string, string[]][];
}

export interface AbstainThresholds {
  /** Share of the question's content (by IDF weight) that an answering passage must cover. */
  minCoverage: number;
  /** The same, when the question names no known state or person. */
  minCoverageWithoutEntity: number;
  /** The learned decision; without it, the coverage thresholds above decide. */
  model?: DecisionModel;
  /** The learned answerability of a question (opinions, predictions, trivia are declined). */
  answerability?: AnswerabilityModel;
}

/** What the decision saw for one question: each ranked passage's features. `npm run calibrate` reads it. */
export type DecisionTrace = (rows: { passageId: string; features: FeatureVector }[]) => void;

/**
 * Abstention thresholds: `minCoverage` calibrated on tests/eval/own.jsonl; `minCoverageWithoutEntity`
 * re-chosen on the question bank's train split (0.6 declined 3 more unanswerable questions there
 * and answered one more, against 0.5; DESIGN.md).
 */
export const ABSTAIN: AbstainThresholds = {
  minCoverage: 0.36,
  minCoverageWithoutEntity: 0.6,
  model: DECISION_MODEL,
  answerability: ANSWERABILITY_MODEL,
};


/** What the engine reads from one sentence of a passage, once, whatever question it meets. */
interface SentenceFacts {
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

interface ScoredSentence {
  passage: Passage;
  sentence: string;
  score: number;
  matched: Set<string>;
  /** Position of the sentence in its passage, and all the passage's sentences. */
  index: number;
  sentences: readonly SentenceFacts[];
}

type Aspect = 'date' | 'place' | 'person' | 'name';

/** What a question asks for by its question words: a date, a place, a person (one or several). */
function askedAspects(question: string): Aspect[] {
  const q = question.toLowerCase();
  const aspects: Aspect[] = [];
  if (/\bwhen\b|\bwhat (?:day|date|year|month)\b|\bwhich (?:day|date|year|month)\b/.test(q)) aspects.push('date');
  if (/\bwhere\b|\bin what (?:city|place|country)\b|\bwhich (?:city|place)\b/.test(q)) aspects.push('place');
  if (/\bwho(?:m)?\b|\bby whom\b/.test(q)) aspects.push('person');
  // "What workshop …", "Which treaty …": the answer names the thing.
  if (/^(?:what|which)\s+(?!is\b|are\b|was\b|were\b|did\b|does\b|do\b|has\b|have\b|had\b|will\b|would\b|can\b|could\b|happened\b|year\b|day\b|date\b|month\b)[a-z]/.test(q)) aspects.push('name');
  return aspects;
}

/** How far into a sentence its date still counts as opening it ("On 29 June 2021, …"). */
const DATE_OPENING_CHARS = 30;
const DAY_DATE = /\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b/;
const MONTH_NAMES = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/** Does a sentence give what an aspect asks for: a year or month, a place after "in"/"at", a person? */
function givesAspect(sentence: SentenceFacts, aspect: Aspect): boolean {
  switch (aspect) {
    case 'date':
      return /\b(1[89]|20)\d\d\b/.test(sentence.text) || MONTH_NAMES.test(sentence.text);
    case 'place':
      return /\b(?:in|at)\s+(?:the\s+)?\p{Lu}/u.test(sentence.text);
    case 'name':
      return /['‘“"][^'’”"]{3,}['’”"]|\b(?:called|named|known as|titled)\b/.test(sentence.text);
    case 'person':
      return sentence.named.some((m) => m.entity.type === 'person') || namesSomeone(sentence.text);
  }
}

/** Capitalised words that name institutions, places, titles and times rather than people. */
const NOT_PERSON_WORDS = new Set(
  ('Abraham Accords Accord House White Foreign Ministry Minister President Prime Crown Prince King Kingdom Republic National Security ' +
    'Council Assembly Forum Summit Board Peace Agreement Declaration Treaty Joint General Secretary State States Department Embassy ' +
    'Office Airport Airlines Air News Agency Times Post Press Middle East West Gulf North South Central Asia Africa Gaza Strip Bank ' +
    'Heights Sea City Fund Institute Navy Fleet Sovereign Justice Economy Defense Defence Affairs Trade Free Comprehensive Economic ' +
    'Partnership Initiative Road Belt Nations United Arab Emirates Saudi Arabia Israel Israeli Palestinian Authority Liaison Israelis ' +
    'Abu Dhabi Tel Aviv Supreme Commander Deputy Vice Special Envoy Ambassador Director Chairman Speaker Parliament Knesset Cabinet ' +
    'Office Congress Senate Truth Social Oval Square Palace Royal Party Front Forces Army Movement Group Organization Organisation ' +
    'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday')
    .split(' '),
);

/** Does the sentence name a person by two or more name words ("Khaled Yousif Al-Jalahma")? */
function namesSomeone(text: string): boolean {
  for (const m of text.matchAll(/(?:\p{Lu}[\p{Ll}'’-]+\s+){1,3}(?:(?:bin|al|Al|el|ibn)[\s-]+)?\p{Lu}[\p{Ll}'’-]+/gu)) {
    const names = m[0].split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
    if (names.length >= 2 && names.every((w) => !NOT_PERSON_WORDS.has(w.replace(/['’]s$/, '')))) return true;
  }
  return false;
}

function nextSentence(s: ScoredSentence): ScoredSentence | undefined {
  const next = s.sentences[s.index + 1];
  return next ? { ...s, sentence: next.text, index: s.index + 1 } : undefined;
}

/** Words asking for a state's standing in the accords, and words that only frame such a question. */
const STATUS_TERMS = new Set(['status', 'standing', 'stance', 'situation'].flatMap((w) => terms(w)));
const STATUS_FRAME = new Set(
  ['regard', 'regards', 'respect', 'relation', 'current', 'currently', 'now', 'today', 'latest', 'official', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'membership', 'member']
    .flatMap((w) => terms(w)),
);

/** What an empty question gets: how to ask. */
export const ASK_HELP = 'Ask me a question about the Abraham Accords, for example "When did Morocco join?", or try /accords members, /accords timeline, /whois Kushner.';

export class AnswerEngine {
  readonly resolver: EntityResolver;
  /** Each passage's terms (title, text, keywords, names), read the first time a question reaches it. */
  private readonly passageTerms = new Map<string, ReadonlySet<string>>();
  /** Entities each passage names in its text (by name or alias), beyond those it is about. */
  private readonly mentions: Map<string, string[]>;
  /** Sentence facts per passage id, filled the first time a question reaches the passage. */
  private readonly sentenceFacts = new Map<string, readonly SentenceFacts[]>();

  /** Reads a question: English words, names, content words, what it asks for. */
  private readonly reader: QuestionReader;
  /** The command answers: lists, timeline, profiles, sources. */
  private readonly views: BrowseViews;
  /** Answers from the fields of state profiles (counts, comparisons, documents, signatories). */
  private readonly structured: StructuredAnswers;
  /** Answers about one state or person from their profile (membership, join date, roles). */
  private readonly profiles: ProfileAnswers;

  /** The newest date a fact carries: questions about later times are beyond the sources. */
  private readonly newestDate: string;

  constructor(
    readonly corpus: Corpus,
    readonly index: PassageIndex,
    private readonly abstain: AbstainThresholds = ABSTAIN,
    prepared?: PreparedFacts,
    private readonly vectors: WordVectors = defaultVectors(),
    translator: Translator = defaultTranslator(),
    /** Called with each searched question's decision features (calibration only). */
    private readonly trace?: DecisionTrace,
    /** The weights of the sentence-ranking features (rank.ts). */
    private readonly ranking: RankingWeights = RANKING_WEIGHTS ?? HAND_RANKING_WEIGHTS,
    /** Called with every ranked sentence's features (calibration only). */
    private readonly rankingTrace?: (passageId: string, index: number, features: RankingFeatures) => void,
  ) {
    // The resolver's tokens are folded words already: a stop word or an indexed stem is a known word.
    this.resolver = new EntityResolver(corpus, (word) => STOP_WORDS.has(word) || index.documentFrequency(stem(word)) > 0);
    const dates = corpus.passages.flatMap((p) => [p.date, p.asOf]).filter((d): d is string => Boolean(d));
    this.newestDate = dates.sort().at(-1) ?? '2026-01-01';
    this.structured = new StructuredAnswers(corpus);
    this.profiles = new ProfileAnswers(corpus);
    this.views = new BrowseViews(corpus, this.resolver);
    this.reader = new QuestionReader(this.resolver, index, vectors, translator);
    // Mentions are read for every passage a search touches, so they are found up front (or taken
    // from a snapshot made from the same corpus).
    this.mentions = new Map(
      prepared?.mentions ??
        corpus.passages.map((passage) => {
          const named = this.resolver.find(passage.text, { fuzzy: false }).filter((m) => m.type === 'exact' || m.type === 'alias');
          return [passage.id, unique(named.map((m) => m.entity.id))];
        }),
    );
  }

  /** What the constructor finds in the corpus, for a snapshot to hand to the next start. */
  prepared(): PreparedFacts {
    return { mentions: [...this.mentions] };
  }

  private termsOf(passage: Passage): ReadonlySet<string> {
    let set = this.passageTerms.get(passage.id);
    if (!set) {
      set = new Set(terms(`${passage.title} ${passage.text} ${passage.keywords} ${this.namesOf(passage).join(' ')}`));
      this.passageTerms.set(passage.id, set);
    }
    return set;
  }

  // ── Free questions ──────────────────────────────────────────────────────────────────────────

  /**
   * Answers a free question. `previous` is the asker's previous question in this conversation, so
   * that a follow-up ("and Bahrain?", "who signed for them?") is read as a whole question.
   */
  ask(rawQuestion: string, previous?: string): Answer {
    const cleaned = cleanQuestion(rawQuestion);
    const reading = readChat(cleaned);
    if (reading.kind === 'empty') return { kind: 'help', query: rawQuestion, citations: [], text: ASK_HELP };
    if (reading.kind === 'pleasantry') return { kind: 'chat', query: cleaned, citations: [], text: reading.reply };
    const followUp = previous ? readFollowUp(reading.text, previous, this.resolver) : reading.text;
    const answer = this.answerQuestion(followUp);
    return followUp !== reading.text ? { ...answer, understoodAs: followUp } : answer;
  }

  private answerQuestion(question: string): Answer {
    // Two questions in one message: the message is answered as a whole (as one question, or as its
    // last question read with what came before), and what the other question adds joins the answer;
    // "…, and when …?" is read with the first part's states and people.
    const parts = questionParts(question);
    if (parts.length === 2) {
      const twoSentences = finalQuestion(question) !== question;
      const first = twoSentences ? this.answerQuestion(parts[0]!) : this.answerWhole(question);
      const second = twoSentences ? this.answerWhole(question) : this.answerQuestion(this.withSubjectOf(parts[1]!, parts[0]!));
      const whole = twoSentences ? second : first;
      if (first.kind === 'answer' && second.kind === 'answer') return { ...joinAnswers(first, second), query: question };
      // The other question alone does not answer a message that, read whole, cannot be answered
      // ("Will the ceasefire hold through 2027, and will that unlock …?").
      return { ...whole, query: question };
    }
    return this.answerWhole(question);
  }

  /** A later part of a message, read with the earlier part's states and people when it names none. */
  private withSubjectOf(part: string, earlier: string): string {
    const read = readFollowUp(part, earlier, this.resolver);
    if (read !== part || this.resolver.find(part).length > 0) return read;
    const names = unique(this.resolver.find(earlier).map((m) => m.entity.name));
    return names.length ? `${part.replace(/[?\s]*$/, '')} (${names.join(', ')})?` : part;
  }

  /** Answers one question (of a message, its last question, read with what the message said before it). */
  private answerWhole(question: string): Answer {
    // The last question of a message is the one answered; its pronouns ("If not, how did it …?")
    // point at what the message named before it.
    const final = finalQuestion(question);
    const before = final === question ? '' : question.slice(0, Math.max(0, question.lastIndexOf(final)));
    const query = this.analyze(before ? readFollowUp(final, before, this.resolver) : final);
    query.question = question;
    const { shape, entityMatches, contentTerms } = query;

    const answerability = this.abstain.answerability;
    // A question about what the article says is answerable even when what it says is a forecast
    // ("who is expected to attend?"): the classifier reads forecasts as unanswerable.
    if (answerability && !shape.aboutArticle && unanswerableProbability(answerability, this.answerabilityFeatures(query)) >= answerability.threshold) {
      return this.decline(question);
    }

    const future = laterThan(query.english, this.newestDate);
    if (future) {
      return this.decline(question, `My sources end in ${formatDate(this.newestDate.slice(0, 7))}, so they cannot say anything about ${future}; I won't guess.`);
    }

    if (!shape.aboutArticle) {
      const fromFields = this.structured.answer(question, query.english, entityMatches);
      if (fromFields) return fromFields;
    }

    const namesState = entityMatches.some((m) => m.entity.type === 'state');
    if (!shape.aboutArticle && shape.intent !== 'yesno' && asksForMemberList(query.english, contentTerms, namesState)) {
      return { ...this.members(), query: question };
    }

    // "What are the Abraham Accords?": nothing but the topic itself.
    if (entityMatches.length === 0 && contentTerms.length === 0 && /\baccords?\b/i.test(query.english)) {
      const overview = this.corpus.passageById.get(OVERVIEW_PASSAGE_ID);
      if (overview) {
        const citations = new CitationBuilder(this.corpus);
        return { kind: 'answer', query: question, text: citeSentences(citations, overview), citations: citations.list() };
      }
    }

    // "Why are they called the Abraham Accords?": the topic's own name, answered from the overview.
    if (entityMatches.length === 0 && contentTerms.length > 0 && contentTerms.every((t) => NAME_TERMS.has(t)) && /\baccords?\b/i.test(query.english)) {
      const overview = this.corpus.passageById.get(OVERVIEW_PASSAGE_ID);
      const naming = overview?.sentences.filter((s) => terms(s.text).some((t) => NAME_TERMS.has(t) && t !== 'accord'));
      if (overview && naming?.length) {
        const citations = new CitationBuilder(this.corpus);
        const text = naming.map((s) => `${s.text} ${citations.cite(overview, s.text)}`).join(' ');
        return { kind: 'answer', query: question, text, citations: citations.list() };
      }
    }

    const onlyEntity = entityMatches.length === 1 && (contentTerms.length === 0 || (entityMatches[0]!.entity.type === 'person' && contentTerms.every((t) => ROLE_TERMS.has(t))));
    const profileCovers = () => this.covers(this.corpus.passageById.get(entityMatches[0]!.entity.passageId)!, query);
    if (onlyEntity || (shape.intent === 'whois' && entityMatches.length === 1 && contentTerms.length <= 1 && !query.answerType && profileCovers())) {
      return { ...this.profile(entityMatches[0]!.entity), query: question };
    }
    // "What is Kosovo's status with regard to the accords (as of November 2025)?": the status itself.
    const states = entityMatches.filter((m) => m.entity.type === 'state');
    if (!shape.aboutArticle && states.length === 1 && entityMatches.length === 1 && contentTerms.some((t) => STATUS_TERMS.has(t)) && contentTerms.every((t) => STATUS_TERMS.has(t) || STATUS_FRAME.has(t) || /^\d+$/.test(t))) {
      const status = this.profiles.membershipAnswer(question, entityMatches, [], { verdict: false });
      if (status) return status;
    }
    if (!shape.aboutArticle && isAboutMembership(contentTerms)) {
      if (shape.intent === 'yesno') {
        const membership = this.profiles.membershipAnswer(question, entityMatches, contentTerms);
        if (membership) return membership;
      }
      if (shape.intent === 'when') {
        const joined = this.profiles.joinDateAnswer(question, entityMatches);
        if (joined) return joined;
      }
    }
    if (shape.intent === 'when') {
      const role = this.profiles.roleDateAnswer(question, entityMatches, contentTerms);
      if (role) return role;
    }
    const holder = this.profiles.roleHolderAnswer(query);
    if (holder) return holder;
    return this.searchAnswer(query);
  }

  /** The question as the engine reads it before searching: in English words, with the names it found. */
  readQuestion(question: string): { english: string; entityMatches: EntityMatch[]; aboutArticle: boolean; answerabilityFeatures: string[] } {
    const reading = readChat(cleanQuestion(question));
    const query = this.analyze(finalQuestion(reading.kind === 'question' ? reading.text : question));
    return { english: query.english, entityMatches: query.entityMatches, aboutArticle: query.shape.aboutArticle, answerabilityFeatures: this.answerabilityFeatures(query) };
  }

  /** What the answerability classifier reads of a question (answerability.ts). */
  private answerabilityFeatures(query: Query): string[] {
    const known = query.contentTerms.filter((t) => this.index.documentFrequency(t) > 0).length;
    return questionFeatures(query.english, query.entityMatches, { content: query.contentTerms.length, known });
  }

  /** Everything the engine reads from a question before searching (read.ts). */
  private analyze(question: string): Query {
    return this.reader.read(question);
  }

  /** Passages for a question: MiniSearch, with synonyms, boosted toward what the question names. */
  private retrieve(query: Query): PassageHit[] {
    const { shape, entityMatches, contentTerms } = query;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    const synonyms = new Set(unique(contentTerms.flatMap((t) => synonymsOf(t))).filter((t) => !contentTerms.includes(t)));
    const options = {
      exactTerms: [...entityMatches.map((m) => m.entity.name), ...synonyms].join(' '),
      // A synonym is a hint, not the question's own word.
      termBoost: (term: string) => (synonyms.has(term) ? 0.4 : 1),
      boost: (p: Passage) => {
        let boost = 1;
        if (shape.aboutArticle) boost *= p.kind === 'article' ? 3 : p.sources.includes(SEED_SOURCE_ID) ? 1.5 : 0.5;
        if (p.about.some((id) => entityIds.has(id))) boost *= 2;
        else if (this.mentions.get(p.id)!.some((id) => entityIds.has(id))) boost *= 1.5;
        if (query.answerType === 'person' && p.kind === 'actor') boost *= 2;
        if (shape.intent === 'when' && p.date && p.kind !== 'article') boost *= 1.3;
        // Why-questions and yes/no claims are what caveats and corrections are written for.
        if ((shape.intent === 'why' || shape.intent === 'yesno') && p.kind === 'caveat') boost *= 1.3;
        return boost;
      },
    };
    const searchText = query.english;
    if (!shape.aboutArticle) return this.index.search(searchText, { ...options, limit: 12 });
    // About the article: its own paragraphs first, then the reports that correct it (one search,
    // split, since scoring is the cost and a filter only drops results after scoring).
    const hits = this.index.search(searchText, { ...options, limit: Infinity });
    const paragraphs = hits.filter((h) => h.passage.kind === 'article').slice(0, 6);
    const others = hits.filter((h) => h.passage.kind !== 'article').slice(0, 6);
    return [...paragraphs, ...others];
  }

  private searchAnswer(query: Query): Answer {
    const { question, shape, entityMatches } = query;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    const hits = this.retrieve(query);
    if (hits.length === 0) return this.decline(question);

    const ranked = this.rankSentences(hits, query);
    // A question about the article is answered from the article first; a "who" question by a
    // sentence naming someone, a "how many" question by a sentence with a figure, if one is close.
    // Only passages that cover what the question is about may answer it; if none does, abstain.
    // Coverage is a property of the passage, so it is computed once per passage, not per sentence.
    const coverage = new Map<string, boolean>();
    const features = this.abstain.model || this.trace ? this.decisionFeatures(query, hits, ranked) : undefined;
    if (features && this.trace) this.trace([...features].map(([passageId, f]) => ({ passageId, features: f })));
    const model = this.abstain.model;
    // The learned decision, when one is adopted (decision-model.ts); otherwise the coverage rule.
    const decide = (p: Passage) => (model ? features!.has(p.id) && probability(model, features!.get(p.id)!) >= model.threshold : this.covers(p, query));
    const covered = (p: Passage) => coverage.get(p.id) ?? coverage.set(p.id, decide(p)).get(p.id)!;
    const articleAnswers = shape.aboutArticle && ranked.some((r) => r.passage.kind === 'article' && covered(r.passage));
    const answering = ranked.filter((s) => covered(s.passage) && (!articleAnswers || s.passage.kind === 'article'));
    const top = answering[0];
    // A passage that covers the question but ranks far below the best is a stray match, not an answer.
    const bestRanked = articleAnswers ? ranked.find((s) => s.passage.kind === 'article')! : ranked[0]!;
    if (!top || top.score < bestRanked.score * COVERED_MIN_SHARE_OF_TOP) return this.decline(question);
    // Among the close candidates, the one that best fits the answer type wins.
    const close = answering.filter((s) => s.score >= top.score * 0.5);
    const fit = (s: ScoredSentence) => this.answerTypeFit(s.sentences[s.index]!, query);
    const best = close.reduce((a, b) => (fit(b) > fit(a) ? b : a), top);
    // A "how many" question that finds no figure is not answered.
    if (query.answerType === 'number' && !best.sentences.some((s) => s.hasQuantity)) return this.decline(question);

    const chosen: ScoredSentence[] = [best];
    // Sentences of the same passage that answer what the best one leaves out: a fact is often
    // split over sentences so that each carries its own sources.
    const answered = new Set(best.matched);
    const siblings: ScoredSentence[] = [];
    for (const s of ranked) {
      if (siblings.length >= MAX_SIBLINGS) break;
      if (s.passage.id !== best.passage.id || s.index === best.index || s.score < best.score * SIBLING_MIN_SHARE) continue;
      if (![...s.matched].some((t) => !answered.has(t))) continue;
      siblings.push(s);
      for (const t of s.matched) answered.add(t);
    }
    const sibling = siblings[0];
    const following = ranked.find((s) => s.passage.id === best.passage.id && s.index === best.index + 1);
    const needsContext =
      best.sentence.length < 90 || /:$/.test(best.sentence) || (query.answerType === 'person' && !mentionsPerson(best.sentences[best.index]!, entityIds));
    if (sibling) chosen.push(...siblings);
    else if (following && (needsContext || following.score >= best.score * 0.85)) chosen.push(following);
    else if (needsContext) {
      const next = nextSentence(best);
      if (next) chosen.push(next);
    }
    // "When and where … and by whom?": each thing asked for that the chosen sentences do not give
    // is looked for in the other sentences of the best passage.
    for (const aspect of askedAspects(query.english)) {
      if (chosen.some((c) => givesAspect(c.sentences[c.index]!, aspect))) continue;
      const giving = ranked.find(
        (s) => s.passage.id === best.passage.id && !chosen.some((c) => c.index === s.index) && givesAspect(s.sentences[s.index]!, aspect) && s.score >= best.score * ASPECT_MIN_SHARE,
      );
      if (giving) chosen.push(giving);
    }
    chosen.sort((a, b) => (a.passage.id === b.passage.id ? a.index - b.index : 0));
    const second = ranked.find(
      (s) => !chosen.some((c) => c.passage.id === s.passage.id) && s.score >= best.score * SECOND_PASSAGE_MIN_SHARE && [...s.matched].some((t) => !best.matched.has(t)),
    );
    if (second && shape.intent !== 'when' && chosen.length <= MAX_SENTENCES_BEFORE_SECOND) chosen.push(second);
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
      // A date question's answer starts with the date (the entry's own, if the sentence does not open with it).
      if (i === 0 && query.shape.intent === 'when' && s.passage.date && s.passage.kind !== 'article' && !mentionsDate(s.sentence.slice(0, DATE_OPENING_CHARS), s.passage.date)) {
        // The date comes from the entry's date field: cite what backs it, then the sentence.
        const date = formatDate(s.passage.date);
        const dateMarker = citations.citeField(s.passage, 'date', date, s.passage.date);
        parts.push(`${date}${dateMarker ? ` ${dateMarker}` : ''}: ${s.sentence} ${citations.cite(s.passage, s.sentence)}`);
        return;
      }
      parts.push(`${s.sentence} ${citations.cite(s.passage, s.sentence)}`);
    });
    const asOf = latest(chosen.map((s) => s.passage.asOf));
    let text = parts.join(' ');
    if (query.shape.intent === 'yesno' && chosen[0] && this.deniesClaim(chosen[0].sentence, query)) text = `No. ${text}`;
    if (asOf && !/\bas of\b/i.test(text)) text += ` (as of ${formatDate(asOf)})`;
    return { kind: 'answer', query: query.question, text, citations: citations.list(), asOf };
  }

  /**
   * Whether a sentence plainly denies what a yes/no question asks: one of its clauses negates
   * ("did not", "never", "no source shows", "in no rush") or states the opposite ("kept" for
   * "cut") a term of the question, about a state or person the question names. Anything less
   * certain gets no Yes/No: the sentence speaks for itself.
   */
  private deniesClaim(sentence: string, query: Query): boolean {
    if (NEGATION.test(fold(query.english))) return false; // "Didn't X…?" is too easy to misread
    const clauses = sentence.split(/[;:,]\s+|\s+(?:but|while|although|though|whereas)\s+/i);
    const named = new Set(query.entityMatches.map((m) => m.entity.id));
    return clauses.some((clause) => {
      const folded = fold(clause);
      const clauseTerms = terms(clause);
      const mentions = (t: string) => synonymsOf(t).some((syn) => clauseTerms.some((c) => termsMatch(syn, c)));
      const aboutQuestion =
        named.size === 0 || this.resolver.find(clause, { fuzzy: false }).some((m) => named.has(m.entity.id)) || /^(it|its|the)\b/i.test(clause.trim());
      if (!aboutQuestion) return false;
      const negated = NEGATION.test(folded) && query.contentTerms.some(mentions);
      const opposite = query.contentTerms.some((t) => (OPPOSITES.get(t) ?? []).some((o) => clauseTerms.some((c) => termsMatch(o, c))));
      return negated || opposite;
    });
  }

  /** Scores every sentence of the top passages: a weighted sum of what it shares with the question (see RANKING). */
  private rankSentences(hits: PassageHit[], query: Query): ScoredSentence[] {
    const { entityMatches, shape, answerType, focusTerms, matcher } = query;
    const topScore = hits[0]!.score;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    // "Syria's al-Sharaa": a state named as the country of a person also named qualifies that
    // person; the answer need not name it again.
    const subjects = entityMatches.filter(
      (m) => !(m.entity.type === 'state' && entityMatches.some((p) => p.entity.type === 'person' && p.entity.country === m.entity.name)),
    );
    const entityNames = subjects.map((m) => ({ match: m, padded: [m.entity.name, ...m.entity.aliases].map((n) => ` ${words(n).join(' ')} `) }));
    const weights = this.ranking;
    const out: ScoredSentence[] = [];
    for (const hit of hits.slice(0, shape.aboutArticle ? 12 : 8)) {
      const passageWeight = hit.score / topScore;
      const aboutEntity = hit.passage.about.some((id) => entityIds.has(id));
      const sentences = this.sentencesOf(hit.passage);
      // What the passage as a whole covers (its title, keywords and other sentences) counts for
      // each of its sentences, so the sentence is chosen from the passage that answers.
      const inPassage = matcher.matchedInPassage(hit.passage.id, this.termsOf(hit.passage));
      const exactlyInPassage = matcher.matchedExactlyInPassage(hit.passage.id, this.termsOf(hit.passage));
      sentences.forEach((facts, index) => {
        const { text: sentence } = facts;
        const matched = matcher.matchedIn(facts.terms);
        const f: RankingFeatures = { ...NO_RANKING_FEATURES };
        // A synonym is a hint, not the question's own word (as in retrieval).
        const exact = matcher.matchedExactlyIn(facts.terms);
        for (const t of matched) {
          const weight = this.idf(t) * (focusTerms.has(t) ? 2 : 1);
          if (exact.has(t)) f.exactWords += weight;
          else f.synonymWords += weight;
        }
        // A sentence that says the thing in several words ("known as …, his nom de guerre") is more
        // about it than one word in passing ("called on").
        for (const t of matched) {
          const extra = Math.min(2, facts.terms.filter((w) => matcher.matchesOf(w).includes(t)).length - 1);
          if (extra > 0) f.repeatedWords += extra * this.idf(t);
        }
        // A word of the question met in meaning, not in letters ("exchange" by "quid pro quo").
        for (const [t, sim] of matcher.nearMeanings(facts.terms, this.vectors)) {
          if (!matched.has(t) && sim >= NEAR_MEANING_MIN) f.nearMeaning += sim * this.idf(t);
        }
        // A neighbouring sentence often finishes the thought (a fact split so each part carries its
        // own sources): what it matches counts for more than the rest of the passage. (Only for a
        // sentence that matches something itself: a neighbour's words alone make no answer.)
        const nearby = new Set([...(sentences[index - 1] ? matcher.matchedIn(sentences[index - 1]!.terms) : []), ...(sentences[index + 1] ? matcher.matchedIn(sentences[index + 1]!.terms) : [])]);
        for (const t of inPassage) {
          if (matched.has(t)) continue;
          const weight = this.idf(t) * (exactlyInPassage.has(t) ? 1 : SYNONYM_SENTENCE_WEIGHT);
          if (nearby.has(t) && matched.size > 0) f.neighbourWords += weight;
          else f.passageWords += weight;
        }
        // Words next to each other in the question and in the sentence ("first ambassador") say more
        // than the same words apart.
        f.phrases = this.phraseMatch(query, facts.terms);
        const named = entityNames.filter(({ padded }) => padded.some((n) => facts.padded.includes(n))).map(({ match }) => match);
        f.namesSubject = named.length;
        if (subjects.length > 1 && named.length === subjects.length) f.namesAllSubjects = 1;
        // "Witkoff or Trump?": a sentence that speaks of both alternatives can answer the choice.
        if (query.alternatives.length > 1 && query.alternatives.every((id) => named.some((m) => m.entity.id === id))) f.bothAlternatives = 1;
        else if (aboutEntity) f.aboutSubject = 1;
        // A date question is best answered by the most precise date: a day beats a month or year.
        if (shape.intent === 'when' && /\b(1[89]|20)\d\d\b/.test(sentence)) f.givesDate = DAY_DATE.test(sentence) ? 2 : 1;
        if (answerType === 'person') f.personFit = this.personScore(facts, entityIds, query, hit.passage);
        if (answerType === 'number') f.numberFit = facts.hasQuantity ? 1 : -1;
        f.passageRetrieval = passageWeight;
        let score = 0;
        for (const name of RANKING_FEATURES) score += weights[name] * f[name];
        this.rankingTrace?.(hit.passage.id, index, f);
        out.push({ passage: hit.passage, sentence, score, matched, index, sentences });
      });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** The IDF of each pair of the question's consecutive content terms found consecutive in `sentenceTerms`. */
  private phraseMatch(query: Query, sentenceTerms: readonly string[]): number {
    const asked = query.contentTerms;
    let total = 0;
    for (let i = 0; i + 1 < asked.length; i++) {
      const [a, b] = [asked[i]!, asked[i + 1]!];
      for (let j = 0; j + 1 < sentenceTerms.length; j++) {
        if (termsMatch(a, sentenceTerms[j]!) && termsMatch(b, sentenceTerms[j + 1]!)) {
          total += Math.min(this.idf(a), this.idf(b));
          break;
        }
      }
    }
    return total;
  }

  /** The sentences of a passage with what the engine reads from each, computed once per passage. */
  private sentencesOf(passage: Passage): readonly SentenceFacts[] {
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

  /** For "who" questions: a sentence naming someone new scores, more so someone of the state asked about. */
  private personScore(sentence: SentenceFacts, exclude: Set<string>, query: Query, passage?: Passage): number {
    const people = sentence.named.filter((m) => m.entity.type === 'person' && !exclude.has(m.entity.id));
    // Someone the corpus has no profile for ("Khaled Yousif Al-Jalahma") still answers "who".
    if (people.length === 0) return namesSomeone(sentence.text) ? 1 : -1;
    let best = 2;
    for (const { entity } of people) {
      let score = 2;
      if (entity.country && query.countries.has(entity.country)) score += 2;
      // "Which … president": a person whose role is the one asked for.
      const roles = (entryField(this.corpus.passageById.get(entity.passageId)!, 'roles') as { title: string }[] | undefined) ?? [];
      if (roles.some((r) => this.profiles.holdsRole(r.title, query))) score += 2;
      // A person's own profile says who they are better than a passage that names them in passing.
      if (passage?.about.includes(entity.id)) score += 1;
      best = Math.max(best, score);
    }
    return best;
  }

  /** How well a sentence fits the kind of answer asked for (0 = not at all; higher is better). */
  private answerTypeFit(sentence: SentenceFacts, query: Query): number {
    if (query.alternatives.length > 1) {
      // "A or B?": the answer must speak of both.
      return query.alternatives.every((id) => sentence.named.some((m) => m.entity.id === id)) ? 10 : 0;
    }
    if (query.answerType === 'person') return Math.max(0, this.personScore(sentence, new Set(query.entityMatches.map((m) => m.entity.id)), query));
    if (query.answerType === 'number') return sentence.hasQuantity ? 1 : 0;
    return 0;
  }

  /** Does the passage cover enough of the question's content to answer it? */
  /** What the learned decision reads of each ranked passage (see decide.ts for the features). */
  private decisionFeatures(query: Query, hits: PassageHit[], ranked: ScoredSentence[]): Map<string, FeatureVector> {
    const { contentTerms, entityMatches, shape } = query;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    const bestSentence = new Map<string, number>();
    for (const s of ranked) if (!bestSentence.has(s.passage.id)) bestSentence.set(s.passage.id, s.score);
    const topSentence = ranked[0]?.score || 1;
    const topHit = hits[0]?.score || 1;
    const out = new Map<string, FeatureVector>();
    hits.forEach((hit, rank) => {
      const passage = hit.passage;
      if (!bestSentence.has(passage.id)) return;
      const terms = this.termsOf(passage);
      const inPassage = query.matcher.matchedInPassage(passage.id, terms);
      const similar = query.matcher.similarIn(passage.id, terms, this.vectors);
      let total = 0;
      let exact = 0;
      let soft = 0;
      let unmet = 0;
      let worst = 1;
      for (const t of contentTerms) {
        const weight = this.idf(t);
        total += weight;
        const met = inPassage.has(t) ? 1 : Math.max(0, similar.get(t) ?? 0);
        if (inPassage.has(t)) exact += weight;
        soft += weight * met;
        if (met < 0.5) unmet += weight;
        worst = Math.min(worst, met);
      }
      out.set(passage.id, {
        exactCoverage: total ? exact / total : 1,
        softCoverage: total ? soft / total : 1,
        worstWord: contentTerms.length ? worst : 1,
        unmetShare: total ? unmet / total : 0,
        namesEntity: entityMatches.length > 0 ? 1 : 0,
        aboutEntity: passage.about.some((id) => entityIds.has(id)) ? 1 : 0,
        mentionsEntity: this.mentions.get(passage.id)!.some((id) => entityIds.has(id)) ? 1 : 0,
        retrievalShare: hit.score / topHit,
        rankInverse: 1 / (1 + rank),
        contentWords: Math.min(contentTerms.length, 6) / 6,
        noContentWords: contentTerms.length === 0 ? 1 : 0,
        sentenceShare: Math.max(0, bestSentence.get(passage.id)! / topSentence),
        articleMatch: shape.aboutArticle && passage.kind === 'article' ? 1 : 0,
      });
    });
    return out;
  }

  private covers(passage: Passage, query: Query): boolean {
    const { contentTerms, entityMatches, shape } = query;
    if (contentTerms.length === 0) return entityMatches.length > 0 || shape.aboutArticle;
    const inPassage = query.matcher.matchedInPassage(passage.id, this.termsOf(passage));
    let total = 0;
    let covered = 0;
    for (const t of contentTerms) {
      const weight = this.idf(t);
      total += weight;
      if (inPassage.has(t)) covered += weight;
    }
    if (covered === 0) return false;
    const needed = entityMatches.length > 0 || shape.aboutArticle ? this.abstain.minCoverage : this.abstain.minCoverageWithoutEntity;
    return covered / total >= needed;
  }

  // ── Commands (src/engine/views.ts) ──────────────────────────────────────────────────────────

  members(): Answer {
    return this.views.members();
  }

  timeline(about?: string): Answer {
    return this.views.timeline(about);
  }

  caveats(): Answer {
    return this.views.caveats();
  }

  about(): Answer {
    return this.views.about();
  }

  whois(name: string): Answer {
    return this.views.whois(name);
  }

  profile(entity: Entity): Answer {
    return this.views.profile(entity);
  }

  source(id: string): Answer {
    return this.views.source(id);
  }

  closestIds(text: string, limit = 5): string[] {
    return this.views.closestIds(text, limit);
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
    const df = this.index.documentFrequency(term);
    return Math.log(1 + this.corpus.passages.length / (1 + df));
  }

  private namesOf(passage: Passage): string[] {
    return passage.about.map((id) => this.corpus.entities.get(id)).flatMap((e) => (e ? [e.name, ...e.aliases] : []));
  }
}


/** Does the sentence name a person other than those the question already names? */
function mentionsPerson(sentence: SentenceFacts, exclude: Set<string>): boolean {
  return sentence.named.some((m) => m.entity.type === 'person' && !exclude.has(m.entity.id));
}

/** Does the sentence give the date as precisely as the entry does ("6 January 2026", not "January 2026")? */
function mentionsDate(sentence: string, iso: string): boolean {
  if (!sentence.includes(iso.slice(0, 4))) return false;
  if (iso.length < 10) return true;
  const [, , day] = iso.split('-').map(Number);
  const monthName = formatDate(iso.slice(0, 7)).split(' ')[0]!;
  return new RegExp(`\\b${day} ${monthName}\\b|\\b${monthName} ${day}\\b`).test(sentence);
}


/** Words for a name and where it comes from ("why called", "what does the name mean"). */
const NAME_TERMS = new Set([...synonymsOf('nam'), 'nam', 'call', 'mean', 'origin', 'come', 'stand', 'refer'].map((w) => stem(w)));

/** How much a sentence's synonym of a question word counts, against the word itself. */
const SYNONYM_SENTENCE_WEIGHT = 0.6;
/** The best covering sentence must score at least this share of the best sentence overall (chosen on the bank's train split). */
const COVERED_MIN_SHARE_OF_TOP = 0.5;
/** The similarity a question word met only in meaning (word vectors) needs; chosen on the bank's train split. */
const NEAR_MEANING_MIN = 0.5;
/** At most this many more sentences of the best passage join an answer, each adding a question term… */
const MAX_SIBLINGS = 2;
/** …and each scoring at least this share of the best sentence. */
const SIBLING_MIN_SHARE = 0.3;
/** A sentence that gives a thing the question asks for (a date, a place) joins at this share of the best score. */
const ASPECT_MIN_SHARE = 0.3;
/**
 * Another passage's sentence joins when it scores at least this share of the best and answers a
 * question word the best leaves out (passages overlap: the best one may not hold the whole fact)…
 */
const SECOND_PASSAGE_MIN_SHARE = 0.7;
/** …unless the answer has more sentences than this already. Both chosen on the bank's train split (+9 of 612). */
const MAX_SENTENCES_BEFORE_SECOND = 3;






