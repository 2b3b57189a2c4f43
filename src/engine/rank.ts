/**
 * What a sentence's ranking score is made of: each thing it shares with the question, as a named
 * feature, and the weight of each. The hand-set weights are the ones the engine was tuned with on
 * our own questions; `npm run calibrate -- --ranking` fits them on the question bank's train split.
 */
import type { Passage } from '../corpus/model.ts';
import type { PassageHit } from '../search/index.ts';
import { words } from '../text/normalize.ts';
import { termsMatch } from '../text/match.ts';
import type { WordVectors } from '../text/vectors.ts';
import type { Query } from './question.ts';
import type { ProfileAnswers } from './profile-answers.ts';
import { entryField } from './passages.ts';
import type { PassageFacts, ScoredSentence, SentenceFacts } from './passage-facts.ts';
export const RANKING_FEATURES = [
  'exactWords', // IDF of the question's words in the sentence (words asked for count double)
  'synonymWords', // the same, for words met by a synonym
  'repeatedWords', // IDF of question words the sentence says more than once
  'nearMeaning', // IDF × similarity of question words met only in meaning (word vectors)
  'neighbourWords', // IDF of question words in the sentence before or after it
  'passageWords', // IDF of question words elsewhere in its passage
  'phrases', // IDF of question word pairs that stand together in the sentence too
  'namesSubject', // how many of the states and people asked about it names
  'namesAllSubjects', // it names all of them, when several are asked about
  'bothAlternatives', // it names both sides of an "A or B?" question
  'aboutSubject', // its passage is about one of them
  'givesDate', // for a date question: 2 for a day, 1 for a year or month
  'personFit', // for a "who" question: how well the person it names fits
  'numberFit', // for a "how many" question: 1 with a figure, -1 without
  'passageRetrieval', // its passage's search score over the top passage's
] as const;

export type RankingFeature = (typeof RANKING_FEATURES)[number];
export type RankingFeatures = Record<RankingFeature, number>;
export type RankingWeights = Record<RankingFeature, number>;

export const NO_RANKING_FEATURES: RankingFeatures = Object.fromEntries(RANKING_FEATURES.map((f) => [f, 0])) as RankingFeatures;

/** The weights the engine was tuned with by hand (on tests/eval/own.jsonl). */
export const HAND_RANKING_WEIGHTS: RankingWeights = {
  exactWords: 1,
  synonymWords: 0.6,
  repeatedWords: 0.25,
  nearMeaning: 0.3,
  neighbourWords: 0.75,
  passageWords: 0.5,
  phrases: 0.5,
  namesSubject: 1.5,
  namesAllSubjects: 2,
  bothAlternatives: 3,
  aboutSubject: 0.75,
  givesDate: 1,
  personFit: 1,
  numberFit: 1.5,
  passageRetrieval: 5,
};

/**
 * Fits ranking weights to pairs (a sentence that answers, one that does not, for the same question):
 * a linear RankNet, logistic loss on the difference of their features, by gradient descent. Weights
 * stay non-negative (numberFit, which is signed itself, too), so scores stay positive and the
 * engine's relative thresholds ("within half of the best") keep their meaning.
 */
export function fitRankingWeights(
  pairs: [RankingFeatures, RankingFeatures][],
  start: RankingWeights,
  options: { epochs?: number; rate?: number; l2?: number; fixed?: ReadonlySet<RankingFeature> } = {},
): RankingWeights {
  const { epochs = 400, rate = 0.05, l2 = 1e-3, fixed = new Set() } = options;
  const w = RANKING_FEATURES.map((f) => start[f]);
  const diffs = pairs.map(([good, bad]) => RANKING_FEATURES.map((f) => good[f] - bad[f]));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const g = new Array<number>(w.length).fill(0);
    for (const d of diffs) {
      let z = 0;
      for (let j = 0; j < w.length; j++) z += w[j]! * d[j]!;
      // d/dw of log(1 + e^-z)
      const p = 1 / (1 + Math.exp(z));
      for (let j = 0; j < w.length; j++) g[j]! -= p * d[j]!;
    }
    for (let j = 0; j < w.length; j++) {
      if (fixed.has(RANKING_FEATURES[j]!)) continue;
      w[j] = Math.max(0, w[j]! - rate * (g[j]! / Math.max(1, diffs.length) + l2 * w[j]!));
    }
  }
  return Object.fromEntries(RANKING_FEATURES.map((f, j) => [f, Math.round(w[j]! * 1000) / 1000])) as RankingWeights;
}

/** How much a sentence's synonym of a question word counts, against the word itself. */
const SYNONYM_SENTENCE_WEIGHT = 0.6;
/** The similarity a question word met only in meaning (word vectors) needs; chosen on the bank's train split. */
const NEAR_MEANING_MIN = 0.5;
const DAY_DATE = /\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b/;

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
export function namesSomeone(text: string): boolean {
  for (const m of text.matchAll(/(?:\p{Lu}[\p{Ll}'’-]+\s+){1,3}(?:(?:bin|al|Al|el|ibn)[\s-]+)?\p{Lu}[\p{Ll}'’-]+/gu)) {
    const names = m[0].split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
    if (names.length >= 2 && names.every((w) => !NOT_PERSON_WORDS.has(w.replace(/['’]s$/, '')))) return true;
  }
  return false;
}

/** Scores the sentences of retrieved passages for a question, with the weights above. */
export class SentenceRanker {
  constructor(
    private readonly facts: PassageFacts,
    private readonly profiles: ProfileAnswers,
    private readonly vectors: WordVectors,
    private readonly weights: RankingWeights,
    /** Called with every ranked sentence's features (calibration only). */
    private readonly trace?: (passageId: string, index: number, features: RankingFeatures) => void,
  ) {}

  /** Scores every sentence of the top passages: a weighted sum of what it shares with the question (see RANKING). */
  rank(hits: PassageHit[], query: Query): ScoredSentence[] {
    const { entityMatches, shape, answerType, focusTerms, matcher } = query;
    const topScore = hits[0]!.score;
    const entityIds = new Set(entityMatches.map((m) => m.entity.id));
    // "Syria's al-Sharaa": a state named as the country of a person also named qualifies that
    // person; the answer need not name it again.
    const subjects = entityMatches.filter(
      (m) => !(m.entity.type === 'state' && entityMatches.some((p) => p.entity.type === 'person' && p.entity.country === m.entity.name)),
    );
    const entityNames = subjects.map((m) => ({ match: m, padded: [m.entity.name, ...m.entity.aliases].map((n) => ` ${words(n).join(' ')} `) }));
    const weights = this.weights;
    const out: ScoredSentence[] = [];
    for (const hit of hits.slice(0, shape.aboutArticle ? 12 : 8)) {
      const passageWeight = hit.score / topScore;
      const aboutEntity = hit.passage.about.some((id) => entityIds.has(id));
      const sentences = this.facts.sentencesOf(hit.passage);
      // What the passage as a whole covers (its title, keywords and other sentences) counts for
      // each of its sentences, so the sentence is chosen from the passage that answers.
      const inPassage = matcher.matchedInPassage(hit.passage.id, this.facts.termsOf(hit.passage));
      const exactlyInPassage = matcher.matchedExactlyInPassage(hit.passage.id, this.facts.termsOf(hit.passage));
      sentences.forEach((facts, index) => {
        const { text: sentence } = facts;
        const matched = matcher.matchedIn(facts.terms);
        const f: RankingFeatures = { ...NO_RANKING_FEATURES };
        // A synonym is a hint, not the question's own word (as in retrieval).
        const exact = matcher.matchedExactlyIn(facts.terms);
        for (const t of matched) {
          const weight = this.facts.idf(t) * (focusTerms.has(t) ? 2 : 1);
          if (exact.has(t)) f.exactWords += weight;
          else f.synonymWords += weight;
        }
        // A sentence that says the thing in several words ("known as …, his nom de guerre") is more
        // about it than one word in passing ("called on").
        for (const t of matched) {
          const extra = Math.min(2, facts.terms.filter((w) => matcher.matchesOf(w).includes(t)).length - 1);
          if (extra > 0) f.repeatedWords += extra * this.facts.idf(t);
        }
        // A word of the question met in meaning, not in letters ("exchange" by "quid pro quo").
        for (const [t, sim] of matcher.nearMeanings(facts.terms, this.vectors)) {
          if (!matched.has(t) && sim >= NEAR_MEANING_MIN) f.nearMeaning += sim * this.facts.idf(t);
        }
        // A neighbouring sentence often finishes the thought (a fact split so each part carries its
        // own sources): what it matches counts for more than the rest of the passage. (Only for a
        // sentence that matches something itself: a neighbour's words alone make no answer.)
        const nearby = new Set([...(sentences[index - 1] ? matcher.matchedIn(sentences[index - 1]!.terms) : []), ...(sentences[index + 1] ? matcher.matchedIn(sentences[index + 1]!.terms) : [])]);
        for (const t of inPassage) {
          if (matched.has(t)) continue;
          const weight = this.facts.idf(t) * (exactlyInPassage.has(t) ? 1 : SYNONYM_SENTENCE_WEIGHT);
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
        this.trace?.(hit.passage.id, index, f);
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
          total += Math.min(this.facts.idf(a), this.facts.idf(b));
          break;
        }
      }
    }
    return total;
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
      const roles = (entryField(this.facts.corpus.passageById.get(entity.passageId)!, 'roles') as { title: string }[] | undefined) ?? [];
      if (roles.some((r) => this.profiles.holdsRole(r.title, query))) score += 2;
      // A person's own profile says who they are better than a passage that names them in passing.
      if (passage?.about.includes(entity.id)) score += 1;
      best = Math.max(best, score);
    }
    return best;
  }

  /** How well a sentence fits the kind of answer asked for (0 = not at all; higher is better). */
  answerTypeFit(sentence: SentenceFacts, query: Query): number {
    if (query.alternatives.length > 1) {
      // "A or B?": the answer must speak of both.
      return query.alternatives.every((id) => sentence.named.some((m) => m.entity.id === id)) ? 10 : 0;
    }
    if (query.answerType === 'person') return Math.max(0, this.personScore(sentence, new Set(query.entityMatches.map((m) => m.entity.id)), query));
    if (query.answerType === 'number') return sentence.hasQuantity ? 1 : 0;
    return 0;
  }
}
