/**
 * What each learned or vector-based part adds, train and test: the engine as in use, then without
 * the answerability classifier, then without word vectors (every similarity 0).
 *
 *   npx tsx scripts/ablate.ts
 */
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { ABSTAIN, AnswerEngine } from '../src/engine/engine.ts';
import { bankDir, score } from '../src/eval/bank.ts';
import { readQuestions } from '../src/eval/score.ts';
import { WordVectors, defaultVectors } from '../src/text/vectors.ts';
import { defaultTranslator } from '../src/text/translate.ts';

const app = createApp();
const base = app.engine;
const train = readQuestions(join(bankDir, 'train.jsonl'));
const test = readQuestions(join(bankDir, 'test.jsonl'));
const noVectors = new WordVectors(() => ({ keys: [], bytes: new Int8Array(0) }));
const variants: [string, AnswerEngine][] = [
  ['as in use', base],
  ['without the answerability classifier', new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability: undefined })],
  ['without word vectors', new AnswerEngine(base.corpus, base.index, ABSTAIN, undefined, noVectors, defaultTranslator())],
  ['without either', new AnswerEngine(base.corpus, base.index, { ...ABSTAIN, answerability: undefined }, undefined, noVectors, defaultTranslator())],
];
void defaultVectors;
for (const [name, engine] of variants) {
  app.engine = engine;
  const a = score(app, train);
  const b = score(app, test);
  const un = (s: typeof a) => s.byCategory.get('unanswerable') ?? { pass: 0, all: 0 };
  console.log(`${name.padEnd(40)} train ${a.passed}/${a.all}  test ${b.passed}/${b.all}  (unanswerable declined: train ${un(a).pass}/${un(a).all}, test ${un(b).pass}/${un(b).all})`);
}
