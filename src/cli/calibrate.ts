/**
 * `npm run calibrate -- [--ranking] [--answerability] [--passages] [--write]`: fits the engine's
 * learned parts on the question bank's train split, prints train before and after, and with
 * --write adopts them (src/engine/decision-model.ts); then prints train and test.
 *
 * Ranking (rank.ts): the sentence-ranking weights, as a linear RankNet over pairs of a sentence of
 * a question's gold passage that says what it expects and a sentence of another passage. In use.
 *
 * Answerability (answerability.ts): a classifier over the question's words says whether the
 * sources could answer it at all. Its threshold is chosen by 5-fold cross-validation within
 * train: each train question is scored by a model that did not see it (folds split by the corpus
 * entry a question rests on, as train and test are), and the threshold that passes most questions,
 * a wrong answer costing more than a refusal, wins. The final model is fitted on all of train.
 *
 * With --passages, the passage-level decision (decide.ts) is fitted too (see DESIGN.md for why it is
 * not used yet). Test is scored once, at the end, for the report; nothing is chosen on it.
 */
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { ABSTAIN, AnswerEngine, type DecisionTrace } from '../engine/engine.ts';
import { FEATURES, fitLogistic, type DecisionModel, type FeatureVector } from '../engine/decide.ts';
import { fitAnswerability, unanswerableProbability, type AnswerabilityModel } from '../engine/answerability.ts';
import { answerOf, bankDir, score, type BankQuestion } from '../eval/bank.ts';
import { judge, readQuestions } from '../eval/score.ts';
import { defaultVectors } from '../text/vectors.ts';
import { defaultTranslator } from '../text/translate.ts';
import { projectRoot } from '../paths.ts';
import { ANSWERABILITY_MODEL, DECISION_MODEL, RANKING_WEIGHTS } from '../engine/decision-model.ts';
import { HAND_RANKING_WEIGHTS, RANKING_FEATURES, fitRankingWeights, type RankingFeature, type RankingFeatures, type RankingWeights } from '../engine/rank.ts';

/** A wrong answer counts this much against a threshold; a refusal of an answerable question, 1. */
const WRONG_ANSWER_COST = 1.5;
const FOLDS = 5;
/** The share of questions people ask that the sources cannot answer (the bank's first writing: 16%). */
const UNANSWERABLE_SHARE = 0.16;
const train = readQuestions(join(bankDir, 'train.jsonl')) as BankQuestion[];
const test = readQuestions(join(bankDir, 'test.jsonl')) as BankQuestion[];
const app = createApp();
const base = app.engine;
const withAbstain = (abstain: typeof ABSTAIN) => new AnswerEngine(base.corpus, base.index, abstain);
const pct = (a: number, b: number) => ((100 * a) / b).toFixed(1);

// ── Answerability (optional) ───────────────────────────────────────────────────────────────
let answerability: AnswerabilityModel | undefined = ANSWERABILITY_MODEL;
if (process.argv.includes('--answerability')) {
app.engine = withAbstain({ ...ABSTAIN, answerability: undefined, model: undefined });
const single = train.filter((q) => !q.turns?.length);
const outcomes = single.map((q) => {
  const answer = answerOf(app, q);
  const read = app.engine.readQuestion(q.q);
  return { q, ok: judge(q, answer).ok, declined: answer.kind === 'no_answer', aboutArticle: read.aboutArticle, features: read.answerabilityFeatures };
});
const foldOf = (q: BankQuestion) => createHash('sha1').update(q.gold?.length ? [...q.gold].sort().join('+') : (q.group ?? q.id ?? q.q)).digest()[1]! % FOLDS;
const outOfFold = new Map<BankQuestion, number>();
for (let fold = 0; fold < FOLDS; fold++) {
  const fitted = fitAnswerability(outcomes.filter((o) => foldOf(o.q) !== fold).map((o) => ({ features: o.features, unanswerable: o.q.category === 'unanswerable' })));
  for (const o of outcomes.filter((o) => foldOf(o.q) === fold)) outOfFold.set(o.q, unanswerableProbability({ ...fitted, threshold: 1, fittedOn: '' }, o.features));
}
let bestThreshold = 1.01;
let bestValue = -Infinity;
// The bank holds more unanswerable questions than people ask (a second writing added only those),
// so each counts for less when the threshold is chosen: as if they were UNANSWERABLE_SHARE of all.
const unanswerableCount = outcomes.filter((o) => o.q.category === 'unanswerable').length;
const unanswerableWeight = (UNANSWERABLE_SHARE * (outcomes.length - unanswerableCount)) / ((1 - UNANSWERABLE_SHARE) * unanswerableCount);
for (let threshold = 0.3; threshold <= 1.0001; threshold += 0.05) {
  let passed = 0;
  let wrong = 0;
  let value = 0;
  for (const o of outcomes) {
    const declinedNow = !o.aboutArticle && outOfFold.get(o.q)! >= threshold;
    const ok = declinedNow ? o.q.category === 'unanswerable' : o.ok;
    const answered = declinedNow ? false : !o.declined;
    const weight = o.q.category === 'unanswerable' ? unanswerableWeight : 1;
    if (ok) passed++;
    else if (answered) wrong++;
    value += ok ? weight : answered ? -(WRONG_ANSWER_COST - 1) * weight : 0;
  }
  console.log(`  answerability threshold ${threshold.toFixed(2)} (cross-validated on train): ${passed}/${outcomes.length} passed, ${wrong} wrong answers, weighted value ${value.toFixed(1)}`);
  if (value > bestValue) {
    bestValue = value;
    bestThreshold = Math.round(threshold * 100) / 100;
  }
}
answerability = {
  ...fitAnswerability(outcomes.map((o) => ({ features: o.features, unanswerable: o.q.category === 'unanswerable' }))),
  threshold: bestThreshold,
  fittedOn: `tests/eval/bank/train.jsonl (${outcomes.length} single questions; threshold by ${FOLDS}-fold cross-validation)`,
};
console.log(`answerability: ${Object.keys(answerability.weights).length} features, threshold ${bestThreshold}`);

}

// ── Passage decision (optional) ────────────────────────────────────────────────────────────
let model: DecisionModel | undefined = DECISION_MODEL;
if (process.argv.includes('--passages')) {
  const rows: FeatureVector[] = [];
  const labels: number[] = [];
  let gold = new Set<string>();
  const trace: DecisionTrace = (seen) => {
    for (const { passageId, features } of seen) {
      rows.push(features);
      labels.push(gold.has(passageId) ? 1 : 0);
    }
  };
  app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability, model: undefined }, undefined, defaultVectors(), defaultTranslator(), trace);
  for (const q of train) {
    gold = new Set(q.category === 'unanswerable' ? [] : (q.gold ?? []));
    answerOf(app, q);
  }
  const fitted = fitLogistic(rows, labels);
  console.log('passage weights:', FEATURES.map((f) => `${f} ${fitted.weights[f]}`).join(', '), `bias ${fitted.bias}`);
  let best: { threshold: number; value: number } | undefined;
  for (let threshold = 0.3; threshold <= 0.951; threshold += 0.05) {
    const candidate: DecisionModel = { ...fitted, threshold: Math.round(threshold * 100) / 100, fittedOn: `tests/eval/bank/train.jsonl (${train.length} questions)` };
    app.engine = withAbstain({ ...ABSTAIN, answerability, model: candidate });
    const s = score(app, train);
    const value = s.passed;
    console.log(`  passage threshold ${threshold.toFixed(2)}: train ${s.passed}/${s.all}`);
    if (!best || value > best.value) best = { threshold: candidate.threshold, value };
  }
  model = { ...fitted, threshold: best!.threshold, fittedOn: `tests/eval/bank/train.jsonl (${train.length} questions)` };
}

// ── Ranking weights (optional) ─────────────────────────────────────────────────────────────
let ranking: RankingWeights | undefined = RANKING_WEIGHTS;
if (process.argv.includes('--ranking')) {
  const pairs: [RankingFeatures, RankingFeatures][] = [];
  // A weight is learned only where enough train questions use its feature; the others keep their hand weight.
  const MIN_QUESTIONS_PER_FEATURE = 40;
  const questionsUsing = new Map<RankingFeature, number>();
  let current: { q: BankQuestion; rows: { passageId: string; text: string; f: RankingFeatures }[] } | undefined;
  const flush = () => {
    if (!current) return;
    const groups = current.q.expect ?? [];
    const good = (r: { passageId: string; text: string }) =>
      (current!.q.gold ?? []).includes(r.passageId) && (groups.length === 0 || groups.some((g) => g.some((alt) => r.text.toLowerCase().includes(alt.toLowerCase()))));
    for (const f of RANKING_FEATURES) if (current.rows.some((r) => r.f[f] !== 0)) questionsUsing.set(f, (questionsUsing.get(f) ?? 0) + 1);
    const positives = current.rows.filter(good);
    const negatives = current.rows.filter((r) => !(current!.q.gold ?? []).includes(r.passageId));
    for (const p of positives) for (const n of negatives) pairs.push([p.f, n.f]);
  };
  const tracing = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability: undefined, model: undefined }, undefined, defaultVectors(), defaultTranslator(), undefined, HAND_RANKING_WEIGHTS, (passageId, index, f) => {
    current?.rows.push({ passageId, text: base.corpus.passageById.get(passageId)!.sentences[index]?.text ?? '', f });
  });
  app.engine = tracing;
  for (const q of train) {
    if (q.category === 'unanswerable' || !q.gold?.length) continue;
    flush();
    current = { q, rows: [] };
    answerOf(app, q);
  }
  flush();
  const fixed = new Set(RANKING_FEATURES.filter((f) => (questionsUsing.get(f) ?? 0) < MIN_QUESTIONS_PER_FEATURE));
  console.log('  questions using each feature:', RANKING_FEATURES.map((f) => `${f} ${questionsUsing.get(f) ?? 0}`).join(', '));
  console.log(`  kept at hand weight (fewer than ${MIN_QUESTIONS_PER_FEATURE} questions): ${[...fixed].join(', ') || 'none'}`);
  ranking = fitRankingWeights(pairs, HAND_RANKING_WEIGHTS, { epochs: 2000, rate: 0.05, fixed });
  console.log(`ranking: ${pairs.length} (answering, not answering) sentence pairs from train`);
  console.log('  fitted:', RANKING_FEATURES.map((f) => `${f} ${ranking![f]}`).join(', '));
  for (const [name, weights] of [['hand', HAND_RANKING_WEIGHTS], ['fitted', ranking]] as const) {
    app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability: undefined, model: undefined }, undefined, defaultVectors(), defaultTranslator(), undefined, weights);
    const s = score(app, train);
    console.log(`  ${name} weights: train ${s.passed}/${s.all}`);
  }
}

const file = join(projectRoot, 'src', 'engine', 'decision-model.ts');
if (process.argv.includes('--write')) writeFileSync(
  file,
  [
    '// Written by `npm run calibrate` (fitted on the question bank\'s train split); do not edit by hand.',
    "import type { DecisionModel } from './decide.ts';",
    "import type { AnswerabilityModel } from './answerability.ts';",
    "import type { RankingWeights } from './rank.ts';",
    '',
    `export const DECISION_MODEL: DecisionModel | undefined = ${JSON.stringify(model, null, 2) ?? 'undefined'};`,
    '',
    `export const ANSWERABILITY_MODEL: AnswerabilityModel | undefined = ${JSON.stringify(answerability, null, 1) ?? 'undefined'};`,
    '',
    `export const RANKING_WEIGHTS: RankingWeights | undefined = ${JSON.stringify(ranking, null, 2) ?? 'undefined'};`,
    '',
  ].join('\n'),
);
console.log(process.argv.includes('--write') ? `written to ${file}` : `not written (add --write to adopt what was fitted)`);

app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability, model }, undefined, defaultVectors(), defaultTranslator(), undefined, ranking ?? HAND_RANKING_WEIGHTS);
const trainScore = score(app, train);
const testScore = score(app, test);
const declined = (s: typeof trainScore) => {
  const c = s.byCategory.get('unanswerable');
  return c ? `${c.pass}/${c.all}` : '-';
};
console.log(`train ${pct(trainScore.passed, trainScore.all)}% (unanswerable declined ${declined(trainScore)}); test ${pct(testScore.passed, testScore.all)}% (unanswerable declined ${declined(testScore)})`);
