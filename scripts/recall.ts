/**
 * Retrieval and ranking diagnostics on the bank's train split: how often a question's gold passage is
 * among the search results (recall at 1, 3, 8, 12) and how often the top-ranked sentence comes from it.
 *
 *   npx tsx scripts/recall.ts
 */
import { createApp } from '../src/app.ts';
import { readQuestions } from '../src/eval/score.ts';
import type { BankQuestion } from '../src/eval/bank.ts';
import { readChat } from '../src/engine/chat.ts';
const app = createApp();
const e = app.engine as any;
const qs = (readQuestions('tests/eval/bank/train.jsonl') as BankQuestion[]).filter((q) => q.gold?.length && q.category !== 'unanswerable' && !q.turns);
let at1 = 0, at3 = 0, at8 = 0, at12 = 0, rank1 = 0, n = 0;
for (const q of qs) {
  const r = readChat(q.q) as any;
  const text = r.text ?? q.q;
  const query = e.analyze(text); query.question = text;
  const hits = e.retrieve(query);
  const ids = hits.map((h: any) => h.passage.id);
  const pos = ids.findIndex((id: string) => q.gold!.includes(id));
  n++;
  if (pos === 0) at1++;
  if (pos >= 0 && pos < 3) at3++;
  if (pos >= 0 && pos < 8) at8++;
  if (pos >= 0) at12++;
  if (hits.length) {
    const ranked = e.rankSentences(hits, query);
    if (ranked.length && q.gold!.includes(ranked[0].passage.id)) rank1++;
  }
}
console.log({ n, retrieval_at1: at1 / n, at3: at3 / n, at8: at8 / n, at12: at12 / n, topSentenceFromGold: rank1 / n });
