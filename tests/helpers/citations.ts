/**
 * The citation checks every answer test shares: each citation quotes its source's own words,
 * verbatim from the corpus's evidence for that source, and is attached only to what that source
 * backs: sentences it supports (or corrects, for a refuted claim), or the field it backs.
 */
import { expect } from 'vitest';
import { EXCERPT_JOIN, type Answer } from '../../src/engine/answer.ts';
import type { AnswerEngine } from '../../src/engine/engine.ts';

export function expectVerbatimCitations(engine: AnswerEngine, answer: Answer, options: { required?: boolean } = {}): void {
  if (options.required ?? true) expect(answer.citations.length, `citations for ${answer.query}`).toBeGreaterThan(0);
  for (const c of answer.citations) {
    const where = `[${c.n}] ${c.sourceId} on ${c.passageId} in answer to ${answer.query}`;
    const passage = engine.corpus.passageById.get(c.passageId);
    expect(passage, where).toBeDefined();
    expect(engine.corpus.sources.get(c.sourceId)?.title, where).toBe(c.title);
    // The evidence this source has in this passage, in the role it is cited for.
    const evidence =
      c.role === 'field'
        ? passage!.fieldSupport.filter((f) => f.source === c.sourceId && (f.field === c.field || f.field.startsWith(`${c.field}.`) || f.field.startsWith(`${c.field}[`)))
        : passage!.sentences.flatMap((s) => (c.role === 'refuted' ? s.corrects : s.support).filter((e) => e.source === c.sourceId));
    const excerpts = evidence.map((e) => e.excerpt);
    for (const part of c.quote.split(EXCERPT_JOIN)) expect(excerpts, `${where}: quote is the source's own excerpt`).toContain(part);
    if (c.role === 'field') continue;
    // What it is cited for is in the answer; what backs that is a sentence of the passage that
    // names this source in the role it is cited in.
    for (const shown of c.sentences) expect(answer.text, `${where}: what it is cited for is in the answer`).toContain(shown);
    expect(c.basis.length, `${where}: a basis`).toBeGreaterThan(0);
    for (const sentence of c.basis) {
      const own = passage!.sentences.find((s) => s.text === sentence);
      expect(own, `${where}: "${sentence}" is a sentence of the passage`).toBeDefined();
      const backers = (c.role === 'refuted' ? own!.corrects : own!.support).map((e) => e.source);
      expect(backers, `${where}: the source backs "${sentence}"`).toContain(c.sourceId);
    }
  }
}
