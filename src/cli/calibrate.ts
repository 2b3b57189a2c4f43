/**
 * `npm run calibrate`: fits the answer-or-decline decision on the question bank's train split and
 * writes it to src/engine/decision-model.ts, then prints train and test with it.
 *
 * 1. Every train question is asked with the hand-set coverage rule, and each passage the search
 *    ranks is recorded with its features (decide.ts) and a label: is it one of the question's gold
 *    passages? (An unanswerable question has none.)
 * 2. A logistic regression is fitted to those rows.
 * 3. The threshold is chosen on train only: the one that passes most questions, a wrong answer
 *    counting a quarter worse than a refusal (a wrong answer is our worst bug).
 * Test is scored once, at the end, for the report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { ABSTAIN, AnswerEngine, type DecisionTrace } from '../engine/engine.ts';
import { FEATURES, fitLogistic, type DecisionModel, type FeatureVector } from '../engine/decide.ts';
import { answerOf, bankDir, score, type BankQuestion } from '../eval/bank.ts';
import { judge, readQuestions } from '../eval/score.ts';
import { defaultVectors } from '../text/vectors.ts';
import { defaultTranslator } from '../text/translate.ts';
import { projectRoot } from '../paths.ts';

const WRONG_ANSWER_COST = Number(process.env.ACCORDS_COST ?? 1.25);
const train = readQuestions(join(bankDir, 'train.jsonl')) as BankQuestion[];
const test = readQuestions(join(bankDir, 'test.jsonl')) as BankQuestion[];
const app = createApp();
const base = app.engine;

// 1. Features and labels from train.
const rows: FeatureVector[] = [];
const labels: number[] = [];
let gold = new Set<string>();
const trace: DecisionTrace = (seen) => {
  for (const { passageId, features } of seen) {
    rows.push(features);
    labels.push(gold.has(passageId) ? 1 : 0);
  }
};
app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, model: undefined }, undefined, defaultVectors(), defaultTranslator(), trace);
for (const q of train) {
  gold = new Set(q.category === 'unanswerable' ? [] : (q.gold ?? []));
  answerOf(app, q);
}
console.log(`train: ${train.length} questions, ${rows.length} (question, passage) rows, ${labels.filter((y) => y).length} gold`);

// 2. Fit.
const dropped = new Set((process.env.ACCORDS_DROP ?? '').split(',').filter(Boolean));
const fitted = fitLogistic(rows.map((r) => Object.fromEntries(FEATURES.map((f) => [f, dropped.has(f) ? 0 : r[f]])) as FeatureVector), labels, { balance: !process.env.ACCORDS_NOBALANCE });
console.log('weights:', FEATURES.map((f) => `${f} ${fitted.weights[f] >= 0 ? '+' : ''}${fitted.weights[f]}`).join(', '), `bias ${fitted.bias}`);

// 3. Threshold, on train only.
const withModel = (threshold: number): DecisionModel => ({ ...fitted, threshold, fittedOn: `tests/eval/bank/train.jsonl (${train.length} questions)` });
const objective = (questions: BankQuestion[]) => {
  let passed = 0;
  let wrong = 0;
  for (const q of questions) {
    const answer = answerOf(app, q);
    const { ok } = judge(q, answer);
    if (ok) passed++;
    else if (answer.kind !== 'no_answer') wrong++;
  }
  return { passed, wrong, value: passed - WRONG_ANSWER_COST * wrong + wrong };
};
let best: { threshold: number; value: number } | undefined;
for (let threshold = 0.3; threshold <= 0.951; threshold += 0.05) {
  app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, model: withModel(threshold) });
  const o = objective(train);
  const unanswerable = train.filter((q) => q.category === 'unanswerable');
  const declined = unanswerable.filter((q) => answerOf(app, q).kind === 'no_answer').length;
  console.log(`  threshold ${threshold.toFixed(2)}: train ${o.passed}/${train.length} passed, ${o.wrong} wrong answers, unanswerable declined ${declined}/${unanswerable.length}`);
  if (!best || o.value > best.value) best = { threshold: Math.round(threshold * 100) / 100, value: o.value };
}
const model = withModel(best!.threshold);
const file = join(projectRoot, 'src', 'engine', 'decision-model.ts');
writeFileSync(
  file,
  `// Written by \`npm run calibrate\` (fitted on the question bank's train split); do not edit by hand.\nimport type { DecisionModel } from './decide.ts';\n\nexport const DECISION_MODEL: DecisionModel | undefined = ${JSON.stringify(model, null, 2)};\n`,
);
console.log(`threshold ${model.threshold} written to ${file}`);

// Report.
app.engine = new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, model });
const pct = (a: number, b: number) => ((100 * a) / b).toFixed(1);
const trainScore = score(app, train);
const testScore = score(app, test);
console.log(`with the fitted decision: train ${pct(trainScore.passed, trainScore.all)}%, test ${pct(testScore.passed, testScore.all)}%`);
