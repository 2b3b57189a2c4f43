/**
 * `npm run eval -- FILE [--fails]`: scores a question set in-process, with the same rules and
 * output format as ../shared/eval/score.mjs.
 */
import { createApp } from '../app.ts';
import { respondToLine } from '../console/session.ts';
import { judge, readQuestions } from '../eval/score.ts';

const args = process.argv.slice(2);
const showFails = args.includes('--fails');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run eval -- QUESTIONS.jsonl [--fails]');
  process.exit(2);
}

const questions = readQuestions(file);
const app = createApp();
const started = performance.now();
const byCategory = new Map<string, { pass: number; all: number }>();
const fails: string[] = [];
const lengths: number[] = [];
let passed = 0;
let answered = 0;
let cited = 0;

for (const q of questions) {
  const reply = respondToLine(app, q.q);
  const answer = reply.answer ?? { kind: 'help' as const, text: reply.text, citations: [] };
  if (answer.kind !== 'no_answer') {
    answered++;
    lengths.push(answer.text.length);
    if (answer.citations.length) cited++;
  }
  const { ok, why } = judge(q, answer);
  const category = q.category ?? 'other';
  const c = byCategory.get(category) ?? { pass: 0, all: 0 };
  c.all++;
  if (ok) {
    c.pass++;
    passed++;
  } else fails.push(`FAIL ${q.id} ${JSON.stringify(q.q)}: ${why}\n     answer: ${JSON.stringify(answer.text.slice(0, 300))}`);
  byCategory.set(category, c);
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
for (const [cat, c] of [...byCategory].sort()) console.log(`${cat.padEnd(13)} ${pct(c.pass, c.all).padStart(5)}%  ${c.pass}/${c.all}`);
lengths.sort((a, b) => a - b);
const seconds = (performance.now() - started) / 1000;
console.log(`answers cited: ${pct(cited, answered)}% of ${answered} answered; median answer ${lengths[lengths.length >> 1] ?? 0} chars; ${seconds.toFixed(1)} s for ${questions.length} questions`);
if (showFails) for (const f of fails) console.log(f);
console.log(`accuracy: ${pct(passed, questions.length)}% (${passed}/${questions.length})`);
