/**
 * Is this a question our sources could answer at all? A classifier over the words of the question
 * (read in English), trained on the question bank's train split by `npm run calibrate`: opinions
 * ("rate it out of 10"), advice, predictions ("will X ever …") and trivia ("what did X eat") read
 * differently from questions of fact. Names are replaced by their kind first, so the model learns
 * how questions are asked, not about whom.
 */
import type { EntityMatch } from './entities.ts';
import { stem, words } from '../text/normalize.ts';

export interface AnswerabilityModel {
  /** Feature → weight; a positive weight speaks for "unanswerable". */
  weights: Record<string, number>;
  bias: number;
  /** Questions whose probability of being unanswerable reaches this are declined. */
  threshold: number;
  fittedOn: string;
}

/** How many of the question's content words there are, and how many of them the corpus has. */
export interface CorpusWords {
  content: number;
  known: number;
}

/**
 * The features of a question: its stemmed words, names as their kind, numbers as years or numbers,
 * and how much of its content the corpus has words for.
 */
export function questionFeatures(english: string, entityMatches: EntityMatch[], corpus?: CorpusWords): string[] {
  const tokens = words(english);
  const kinds = new Map<number, string>();
  for (const m of entityMatches) {
    if (m.start >= tokens.length) continue;
    kinds.set(m.start, `<${m.entity.type}>`);
    for (let i = 1; i < m.length; i++) kinds.set(m.start + i, '');
  }
  const items = tokens.map((t, i) => (kinds.has(i) ? kinds.get(i)! : /^\d+$/.test(t) ? (/^(19|20)\d\d$/.test(t) ? '<year>' : '<number>') : stem(t))).filter(Boolean);
  // Words alone: with word pairs and openings the model learned the writers' phrasings, and
  // cross-validated on train it declined more answerable questions (606 against 619 of 817 passed).
  const features = new Set(items);
  // Whether the corpus uses the question's words at all: a question about the menu or the pen asks
  // with words no passage has, while a word the model never saw in train says nothing by itself.
  if (corpus) {
    const share = corpus.content === 0 ? 'none' : corpus.known === corpus.content ? 'all' : corpus.known * 2 >= corpus.content ? 'most' : corpus.known > 0 ? 'some' : 'no';
    features.add(`<known:${share}>`);
    features.add(`<unknown:${Math.min(corpus.content - corpus.known, 2)}>`);
  }
  return [...features];
}

export function unanswerableProbability(model: AnswerabilityModel, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression over sparse binary features, by gradient descent with L2 regularisation. */
export function fitAnswerability(
  examples: { features: string[]; unanswerable: boolean }[],
  options: { epochs?: number; rate?: number; l2?: number; minCount?: number } = {},
): Pick<AnswerabilityModel, 'weights' | 'bias'> {
  const { epochs = 400, rate = 2, l2 = 0.002, minCount = 2 } = options;
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const rows = examples.map((e) => e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const w = new Float64Array(vocabulary.length);
  let b = 0;
  const positives = examples.filter((e) => e.unanswerable).length;
  const positiveWeight = positives ? (examples.length - positives) / positives : 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = new Float64Array(vocabulary.length);
    let gb = 0;
    let total = 0;
    examples.forEach((e, n) => {
      let z = b;
      for (const i of rows[n]!) z += w[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const weight = e.unanswerable ? positiveWeight : 1;
      const err = (p - (e.unanswerable ? 1 : 0)) * weight;
      total += weight;
      for (const i of rows[n]!) gw[i]! += err;
      gb += err;
    });
    for (let i = 0; i < w.length; i++) w[i]! -= rate * (gw[i]! / total + l2 * w[i]!);
    b -= rate * (gb / total);
  }
  const weights: Record<string, number> = {};
  vocabulary.forEach((f, i) => {
    if (Math.abs(w[i]!) >= 0.01) weights[f] = Math.round(w[i]! * 1000) / 1000;
  });
  return { weights, bias: Math.round(b * 1000) / 1000 };
}
