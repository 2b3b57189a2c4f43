/** The citation checks every answer test shares: quotes verbatim, sources real and matching. */
import { expect } from 'vitest';
import type { Answer } from '../../src/engine/answer.ts';
import type { AnswerEngine } from '../../src/engine/engine.ts';

export function expectVerbatimCitations(engine: AnswerEngine, answer: Answer, options: { required?: boolean } = {}): void {
  if (options.required ?? true) expect(answer.citations.length, `citations for ${answer.query}`).toBeGreaterThan(0);
  for (const c of answer.citations) {
    const passage = engine.corpus.passageById.get(c.passageId);
    expect(passage?.text, `${c.passageId} in answer to ${answer.query}`).toContain(c.quote);
    expect(passage?.sources).toContain(c.sourceId);
    expect(engine.corpus.sources.get(c.sourceId)?.title).toBe(c.title);
  }
}
