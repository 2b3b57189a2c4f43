/** Renders an Answer as plain text, for the console and `npm run ask`. */
import { formatDate, type Answer, type Citation } from '../engine/answer.ts';

export function renderText(answer: Answer): string {
  const out = [answer.text];
  if (answer.citations.length) {
    out.push('', 'Sources:');
    for (const c of answer.citations) out.push(...citationLines(c));
  }
  return out.join('\n');
}

function citationLines(c: Citation): string[] {
  const meta = [c.publisher, c.date ? formatDate(c.date) : null].filter(Boolean).join(', ');
  return [
    `[${c.n}] ${c.title}${meta ? ` (${meta})` : ''}${c.url ? ` ${c.url}` : ''}`,
    `    “${c.quote}” (passage ${c.passageId})`,
  ];
}
