/** Renders an Answer as plain text, for the console and `npm run ask`. */
import { formatDate, type Answer, type Citation } from '../engine/answer.ts';

export function renderText(answer: Answer): string {
  const out = answer.understoodAs ? [`(Reading this as: ${answer.understoodAs})`, answer.text] : [answer.text];
  if (answer.citations.length) {
    out.push('', 'Sources:');
    for (const c of answer.citations) out.push(...citationLines(c));
  }
  return out.join('\n');
}

/** A source line (a corrected claim and a field source labelled as such), then its own words. */
function citationLines(c: Citation): string[] {
  const meta = [c.publisher, c.date ? formatDate(c.date) : null].filter(Boolean).join(', ');
  const head = `${c.title}${meta ? ` (${meta})` : ''}${c.url ? ` ${c.url}` : ''}`;
  const label = c.role === 'refuted' ? `claimed by ${head} (corrected here)` : c.role === 'field' ? `${head}, for ${c.field}` : head;
  return [`[${c.n}] ${label}`, `    “${c.quote}” (passage ${c.passageId})`];
}
