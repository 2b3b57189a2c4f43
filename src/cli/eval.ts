/**
 * `npm run eval`: scores the question bank (tests/eval/bank), train and test side by side, by
 * category. `--fails` lists the train split's failures only: test is for reporting, never for
 * choosing what to change.
 *
 * `npm run eval -- FILE [--fails]`: scores one question set, with the same rules and output
 * format as ../shared/eval/score.mjs.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createApp } from '../app.ts';
import { readQuestions } from '../eval/score.ts';
import { bankDir, score, type Score } from '../eval/bank.ts';

const args = process.argv.slice(2);
const showFails = args.includes('--fails');
const file = args.find((a) => !a.startsWith('--'));

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
const app = createApp();
const started = performance.now();

if (file) {
  const questions = readQuestions(file);
  const s = score(app, questions);
  for (const [cat, c] of [...s.byCategory].sort()) console.log(`${cat.padEnd(13)} ${pct(c.pass, c.all).padStart(5)}%  ${c.pass}/${c.all}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`answers cited: ${pct(s.cited, s.answered)}% of ${s.answered} answered; median answer ${s.lengths[s.lengths.length >> 1] ?? 0} chars; ${seconds.toFixed(1)} s for ${questions.length} questions`);
  if (showFails) for (const f of s.fails) console.log(f);
  console.log(`accuracy: ${pct(s.passed, questions.length)}% (${s.passed}/${questions.length})`);
} else {
  const sides = (['train', 'test'] as const).map((side) => {
    const path = join(bankDir, `${side}.jsonl`);
    if (!existsSync(path)) {
      console.error(`${path} is missing: build the bank with npx tsx scripts/bank-build.ts`);
      process.exit(2);
    }
    return score(app, readQuestions(path));
  });
  const [train, test] = sides as [Score, Score];
  const categories = [...new Set([...train.byCategory.keys(), ...test.byCategory.keys()])].sort();
  const cell = (s: Score, cat: string) => {
    const c = s.byCategory.get(cat);
    return c ? `${pct(c.pass, c.all).padStart(5)}% ${`${c.pass}/${c.all}`.padStart(7)}` : '     -        ';
  };
  console.log(`${'category'.padEnd(13)} ${'train'.padEnd(14)}  test`);
  for (const cat of categories) console.log(`${cat.padEnd(13)} ${cell(train, cat)}  ${cell(test, cat)}`);
  console.log(`${'overall'.padEnd(13)} ${pct(train.passed, train.all).padStart(5)}% ${`${train.passed}/${train.all}`.padStart(7)}  ${pct(test.passed, test.all).padStart(5)}% ${`${test.passed}/${test.all}`.padStart(7)}`);
  console.log(`train–test gap: ${(Number(pct(train.passed, train.all)) - Number(pct(test.passed, test.all))).toFixed(1)} points; ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (showFails) for (const f of train.fails) console.log(f);
}
