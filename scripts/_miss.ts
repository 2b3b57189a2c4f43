import { createApp } from '../src/app.ts';
import { readQuestions, judge } from '../src/eval/score.ts';
import { answerOf, type BankQuestion } from '../src/eval/bank.ts';
const app = createApp();
const qs = readQuestions('tests/eval/bank/train.jsonl') as BankQuestion[];
const counts: Record<string, number> = {};
const examples: Record<string, string[]> = {};
for (const q of qs) {
  const a = answerOf(app, q);
  const v = judge(q, a);
  if (v.ok || a.kind === 'no_answer' || q.category === 'unanswerable') continue;
  const cited = new Set(a.citations.map((c) => c.passageId));
  const gold = q.gold ?? [];
  let kind: string;
  if (gold.some((g) => cited.has(g))) {
    const p = app.engine.corpus.passageById.get(gold.find((g) => cited.has(g))!)!;
    const has = (q.expect ?? []).every((grp) => grp.some((alt) => p.text.toLowerCase().includes(alt.toLowerCase())));
    kind = has ? 'gold cited, fact in another sentence' : 'gold cited, fact not in text (field/wording)';
  } else {
    const inTop = gold.length ? 'gold not cited' : 'no gold';
    kind = inTop;
  }
  counts[kind] = (counts[kind] ?? 0) + 1;
  (examples[kind] ??= []).push(`${q.id} | ${q.q.slice(0, 90)}`);
}
console.log(counts);
for (const [k, v] of Object.entries(examples)) console.log('\n' + k + '\n  ' + v.slice(0, 12).join('\n  '));
