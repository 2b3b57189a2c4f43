/**
 * `npm run eval -- FILE [--fails]`: scores a question set in-process, with the same rules and
 * output format as ../shared/eval/score.mjs (expect groups, forbid strings, unanswerable → no_answer).
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../app.ts';
import { respondToLine } from '../console/session.ts';

interface Question {
  id?: string;
  q: string;
  category?: string;
  expect?: string[][];
  forbid?: string[];
}

const args = process.argv.slice(2);
const showFails = args.includes('--fails');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run eval -- QUESTIONS.jsonl [--fails]');
  process.exit(2);
}

const norm = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ');

const questions: Question[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Question);
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
  const answer = reply.answer ?? { kind: 'help', text: reply.text, citations: [] };
  const declined = answer.kind === 'no_answer';
  const text = norm(answer.text);
  let ok: boolean;
  let why = '';
  if (!declined) {
    answered++;
    lengths.push(answer.text.length);
    if (answer.citations.length) cited++;
  }
  if (q.category === 'unanswerable') {
    ok = declined;
    if (!ok) why = 'should have declined';
  } else if (declined) {
    ok = false;
    why = 'declined';
  } else if (answer.citations.length === 0) {
    ok = false;
    why = 'no citation';
  } else {
    const missing = (q.expect ?? []).filter((group) => !group.some((alt) => text.includes(norm(alt))));
    const forbidden = (q.forbid ?? []).filter((f) => text.includes(norm(f)));
    ok = missing.length === 0 && forbidden.length === 0;
    if (missing.length) why = `missing ${missing.map((g) => JSON.stringify(g)).join(' ')}`;
    if (forbidden.length) why += `${why ? '; ' : ''}says ${JSON.stringify(forbidden)}`;
  }
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
