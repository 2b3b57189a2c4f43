/** Renders an Answer as plain text, for the console and `npm run ask`. */
import { formatDate, type Answer, type Citation } from '../engine/answer.ts';

export function renderText(answer: Answer): string {
  const out = [answer.text];
  if (answer.citations.length) {
    out.push('', 'Sources:');
    const quoted = new Map<string, number>();
    for (const c of answer.citations) {
      out.push(...citationLines(c, quoted.get(`${c.passageId}\u0000${c.quote}`)));
      if (!quoted.has(`${c.passageId}\u0000${c.quote}`)) quoted.set(`${c.passageId}\u0000${c.quote}`, c.n);
    }
  }
  return out.join('\n');
}

/** A source line, then its quote, or a pointer to the same quote shown above under another source. */
function citationLines(c: Citation, sameQuoteAs: number | undefined): string[] {
  const meta = [c.publisher, c.date ? formatDate(c.date) : null].filter(Boolean).join(', ');
  return [
    `[${c.n}] ${c.title}${meta ? ` (${meta})` : ''}${c.url ? ` ${c.url}` : ''}`,
    sameQuoteAs ? `    (the same passage as [${sameQuoteAs}])` : `    “${c.quote}” (passage ${c.passageId})`,
  ];
}
