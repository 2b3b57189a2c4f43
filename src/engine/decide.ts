/**
 * The answer-or-decline decision, learned: the probability that a retrieved passage answers the
 * question, from a logistic regression over what the engine measures of the pair (coverage of the
 * question's words, exactly and by word meaning, the names it shares, its retrieval and sentence
 * scores). The weights are fitted on the question bank's train split by `npm run calibrate`,
 * which writes decision-model.ts; they are not set by hand.
 */
import type { Passage } from '../corpus/model.ts';
import type { PassageHit } from '../search/index.ts';
import type { WordVectors } from '../text/vectors.ts';
import type { Query } from './question.ts';
import type { PassageFacts, ScoredSentence } from './passage-facts.ts';

export const FEATURES = [
  'exactCoverage', // IDF share of the question's content words the passage has, or a synonym of
  'softCoverage', // the same, each word credited with its best word-vector similarity in the passage
  'worstWord', // the least-met content word: 1 if present, else its best similarity
  'unmetShare', // IDF share of content words with no passage word within similarity 0.5
  'namesEntity', // the question names a known state or person
  'aboutEntity', // the passage is about one of them
  'mentionsEntity', // the passage names one of them
  'retrievalShare', // the passage's search score over the top one's
  'rankInverse', // 1 / (1 + the passage's place in the search results)
  'contentWords', // how many content words the question has, up to 6, over 6
  'noContentWords', // the question has none (a name alone, "the accords")
  'sentenceShare', // the passage's best sentence score over the best sentence score overall
  'articleMatch', // the question asks about the article and the passage is an article paragraph
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type FeatureVector = Record<FeatureName, number>;

export interface DecisionModel {
  weights: Record<FeatureName, number>;
  bias: number;
  /** Passages whose probability reaches this may answer. */
  threshold: number;
  /** Where and when the model was fitted, for the record. */
  fittedOn: string;
}

export function probability(model: DecisionModel, x: FeatureVector): number {
  let z = model.bias;
  for (const name of FEATURES) z += (model.weights[name] ?? 0) * x[name];
  return 1 / (1 + Math.exp(-z));
}

/** Fits a logistic regression by gradient descent with L2 regularisation (features are in [0, 1]). */
export function fitLogistic(
  rows: FeatureVector[],
  labels: number[],
  options: { epochs?: number; rate?: number; l2?: number; balance?: boolean } = {},
): Pick<DecisionModel, 'weights' | 'bias'> {
  const { epochs = 3000, rate = 0.5, l2 = 1e-3, balance = true } = options;
  const w = new Float64Array(FEATURES.length);
  let b = 0;
  const n = rows.length;
  const X = rows.map((r) => FEATURES.map((f) => r[f]));
  // Positives are few; weighting them to balance the classes keeps the model from declining everything.
  const positives = labels.filter((y) => y === 1).length;
  const positiveWeight = balance && positives ? (n - positives) / positives : 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = new Float64Array(FEATURES.length);
    let gb = 0;
    let totalWeight = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      let z = b;
      for (let j = 0; j < x.length; j++) z += w[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const weight = labels[i] === 1 ? positiveWeight : 1;
      const err = (p - labels[i]!) * weight;
      totalWeight += weight;
      for (let j = 0; j < x.length; j++) gw[j]! += err * x[j]!;
      gb += err;
    }
    for (let j = 0; j < w.length; j++) w[j]! -= rate * (gw[j]! / totalWeight + l2 * w[j]!);
    b -= rate * (gb / totalWeight);
  }
  const weights = Object.fromEntries(FEATURES.map((f, j) => [f, Math.round(w[j]! * 1e4) / 1e4])) as Record<FeatureName, number>;
  return { weights, bias: Math.round(b * 1e4) / 1e4 };
}

/** The coverage thresholds of the hand-set decision (engine.ts ABSTAIN). */
export interface CoverageThresholds {
  /** Share of the question's content (by IDF weight) that an answering passage must cover. */
  minCoverage: number;
  /** The same, when the question names no known state or person. */
  minCoverageWithoutEntity: number;
}

/**
 * Whether a retrieved passage may answer a question: the hand-set coverage rule in use, and the
 * features the learned decision reads (measured, not adopted; DESIGN.md).
 */
export class PassageDecision {
  constructor(
    private readonly facts: PassageFacts,
    private readonly vectors: WordVectors,
    private readonly thresholds: CoverageThresholds,
  ) {}

  /** What the learned decision reads of each ranked passage (see decide.ts for the features). */
  features(query: Query, hits: PassageHit[], ranked: ScoredSentence[]): Map<string, FeatureVector> {
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
      const terms = this.facts.termsOf(passage);
      const inPassage = query.matcher.matchedInPassage(passage.id, terms);
      const similar = query.matcher.similarIn(passage.id, terms, this.vectors);
      let total = 0;
      let exact = 0;
      let soft = 0;
      let unmet = 0;
      let worst = 1;
      for (const t of contentTerms) {
        const weight = this.facts.idf(t);
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
        mentionsEntity: this.facts.mentionsOf(passage.id).some((id) => entityIds.has(id)) ? 1 : 0,
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

  /** Does the passage cover enough of the question's content to answer it? */
  covers(passage: Passage, query: Query): boolean {
    const { contentTerms, entityMatches, shape } = query;
    if (contentTerms.length === 0) return entityMatches.length > 0 || shape.aboutArticle;
    const share = this.coverage(passage, query);
    if (share === 0) return false;
    const needed = entityMatches.length > 0 || shape.aboutArticle ? this.thresholds.minCoverage : this.thresholds.minCoverageWithoutEntity;
    return share >= needed;
  }

  /** The IDF-weighted share of the question's content words that the passage has (or a synonym of); 1 with none. */
  coverage(passage: Passage, query: Query): number {
    const { contentTerms } = query;
    if (contentTerms.length === 0) return 1;
    const inPassage = query.matcher.matchedInPassage(passage.id, this.facts.termsOf(passage));
    let total = 0;
    let covered = 0;
    for (const t of contentTerms) {
      const weight = this.facts.idf(t);
      total += weight;
      if (inPassage.has(t)) covered += weight;
    }
    return total ? covered / total : 1;
  }
}
