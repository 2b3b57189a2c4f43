/**
 * What a sentence's ranking score is made of: each thing it shares with the question, as a named
 * feature, and the weight of each. The hand-set weights are the ones the engine was tuned with on
 * our own questions; `npm run calibrate -- --ranking` fits them on the question bank's train split.
 */
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
