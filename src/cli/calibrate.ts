/**
 * `npm run calibrate -- FILE`: sweeps the abstention thresholds over a question set and prints
 * accuracy for each pair, overall and on the unanswerable questions, so the thresholds in
 * src/engine/engine.ts (ABSTAIN) are chosen from data, not by hand.
 */
import { buildEngine } from '../app.ts';
import { AnswerEngine, ABSTAIN } from '../engine/engine.ts';
import { judge, readQuestions } from '../eval/score.ts';
import { corpusDir } from '../paths.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run calibrate -- QUESTIONS.jsonl');
  process.exit(2);
}
const questions = readQuestions(file);
const base = buildEngine(corpusDir);
const rows: { withEntity: number; withoutEntity: number; accuracy: number; unanswerable: number }[] = [];
for (let withEntity = 0.2; withEntity <= 0.61; withEntity += 0.04) {
  for (let withoutEntity = 0.3; withoutEntity <= 0.81; withoutEntity += 0.1) {
    const engine = new AnswerEngine(base.corpus, base.index, { minCoverage: withEntity, minCoverageWithoutEntity: withoutEntity });
    let passed = 0;
    let declinedRight = 0;
    const unanswerable = questions.filter((q) => q.category === 'unanswerable').length;
    for (const q of questions) {
      const verdict = judge(q, engine.ask(q.q));
      if (verdict.ok) passed++;
      if (verdict.ok && q.category === 'unanswerable') declinedRight++;
    }
    rows.push({ withEntity, withoutEntity, accuracy: passed / questions.length, unanswerable: unanswerable ? declinedRight / unanswerable : 1 });
  }
}
rows.sort((a, b) => b.accuracy - a.accuracy || b.unanswerable - a.unanswerable);
const fmt = (r: (typeof rows)[number]) =>
  `minCoverage ${r.withEntity.toFixed(2)}  withoutEntity ${r.withoutEntity.toFixed(2)}  accuracy ${(100 * r.accuracy).toFixed(1)}%  unanswerable ${(100 * r.unanswerable).toFixed(0)}%`;
console.log('best pairs:');
for (const r of rows.slice(0, 8)) console.log('  ' + fmt(r));
const current = rows.find((r) => Math.abs(r.withEntity - ABSTAIN.minCoverage) < 0.011 && Math.abs(r.withoutEntity - ABSTAIN.minCoverageWithoutEntity) < 0.011);
console.log(`current (ABSTAIN): ${current ? fmt(current) : `${ABSTAIN.minCoverage} / ${ABSTAIN.minCoverageWithoutEntity} (not on the grid)`}`);
