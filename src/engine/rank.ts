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
