/**
 * Renders an Answer as Discord embeds that always fit Discord's limits: the answer first, then
 * numbered sources with their quoted passages. A long list becomes pages (one embed each) that
 * the caller shows with buttons.
 */
import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import { formatDate, type Answer, type Citation } from '../engine/answer.ts';
import {
  EMBED_DESCRIPTION_MAX_CHARS,
  EMBED_FIELD_NAME_MAX_CHARS,
  EMBED_FIELD_VALUE_MAX_CHARS,
  EMBED_FOOTER_MAX_CHARS,
  EMBED_MAX_FIELDS,
  EMBED_TITLE_MAX_CHARS,
  EMBED_TOTAL_MAX_CHARS,
} from '../limits.ts';

/** Room kept under each limit so a page never sits exactly on the edge. */
const PAGE_DESCRIPTION_BUDGET = 2400;
const PAGE_TOTAL_BUDGET = EMBED_TOTAL_MAX_CHARS - 400;
const QUOTE_MAX_CHARS = 600;

export const COLOR = { answer: 0x2b7bb9, none: 0x99aab5, error: 0xd83c3e } as const;

export interface RenderOptions {
  /** Restate the user's input (slash input is invisible to others). */
  restate?: string;
}

/**
 * Makes user text safe to show inside our formatting: markdown escaped, mentions defused
 * (allowedMentions already stops pings; this stops them from even looking like pings), and
 * invisible direction marks removed.
 */
export function escapeUserText(text: string, max = 300): string {
  const cleaned = text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const defused = cleaned.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
  // Every markdown character is escaped (discord.js's escapeMarkdown misses some runs, such as
  // "\_\___"); URLs are kept whole so they stay links. The result is cut to `max` characters
  // between pieces, never inside an escape.
  const pieces = defused
    .split(URL_IN_TEXT)
    .flatMap((part, i) => (i % 2 === 1 ? [part] : [...part].map((c) => (/[\\*_~`|>#[\]()-]/.test(c) ? `\\${c}` : c))));
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - 1) return out + '…';
    out += piece;
  }
  return out;
}

/** A URL inside user text; it stops at characters that could close markdown around it. */
export const URL_IN_TEXT = /(https?:\/\/[^\s<>`()[\]"'|*~\\]+)/;

/** Renders an answer as one or more embeds (pages). */
export function renderEmbeds(answer: Answer, options: RenderOptions = {}): APIEmbed[] {
  const restated = [options.restate ? `> ${escapeUserText(options.restate)}` : '', answer.understoodAs ? `*Reading this as: ${escapeUserText(answer.understoodAs)}*` : '']
    .filter(Boolean)
    .join('\n');
  const header = restated ? `${restated}\n\n` : '';
  const color = answer.kind === 'no_answer' ? COLOR.none : answer.kind === 'error' ? COLOR.error : COLOR.answer;
  const lines = answer.text.split('\n');
  const byNumber = new Map(answer.citations.map((c) => [c.n, c]));

  const pages: { lines: string[]; fields: APIEmbedField[] }[] = [];
  let current = { lines: [] as string[], fields: [] as APIEmbedField[], cited: new Set<number>(), size: header.length };
  const flush = () => {
    if (current.lines.length) pages.push({ lines: current.lines, fields: current.fields });
    current = { lines: [], fields: [], cited: new Set<number>(), size: header.length };
  };

  const queue = lines.flatMap((line) => splitLongLine(line, PAGE_DESCRIPTION_BUDGET));
  for (let i = 0; i < queue.length; i++) {
    const line = queue[i]!;
    const newFields = citedNumbers(line)
      .filter((n) => !current.cited.has(n) && byNumber.has(n))
      .map((n) => ({ n, field: sourceField(byNumber.get(n)!) }));
    const added = line.length + 1 + newFields.reduce((sum, f) => sum + f.field.name.length + f.field.value.length, 0);
    const descriptionLength = current.lines.reduce((sum, l) => sum + l.length + 1, header.length) + line.length;
    const overflows =
      descriptionLength > PAGE_DESCRIPTION_BUDGET ||
      current.fields.length + newFields.length > EMBED_MAX_FIELDS ||
      current.size + added > PAGE_TOTAL_BUDGET;
    if (overflows && current.lines.length > 0) {
      // Start a new page and place this line there.
      flush();
      i--;
      continue;
    }
    current.lines.push(line);
    for (const f of newFields) {
      current.cited.add(f.n);
      current.fields.push(f.field);
    }
    current.size += added;
  }
  flush();
  return finish();

  function finish(): APIEmbed[] {
    const total = pages.length || 1;
    if (pages.length === 0) pages.push({ lines: [answer.text || '…'], fields: [] });
    return pages.map((page, i) => {
      const footerParts = [
        total > 1 ? `Page ${i + 1} of ${total}` : '',
        answer.asOf ? `Status as of ${formatDate(answer.asOf)}` : '',
        'accords-bot · /source ID shows any cited passage',
      ].filter(Boolean);
      const embed: APIEmbed = {
        color,
        description: truncate(header + page.lines.join('\n'), EMBED_DESCRIPTION_MAX_CHARS),
        footer: { text: truncate(footerParts.join(' · '), EMBED_FOOTER_MAX_CHARS) },
      };
      if (page.fields.length) embed.fields = page.fields.slice(0, EMBED_MAX_FIELDS);
      return fitEmbed(embed);
    });
  }
}

const escaped = new Map<string, string>();
/** Bounds the memo below; corpus titles and quotes number a few thousand. */
const ESCAPED_MEMO_MAX = 10_000;

/**
 * escapeMarkdown for corpus text (source titles, quoted sentences): the same few thousand strings
 * come back in every answer, and escaping them was a measurable share of a reply's time.
 */
function escapedCorpusText(text: string): string {
  let out = escaped.get(text);
  if (out === undefined) {
    if (escaped.size >= ESCAPED_MEMO_MAX) escaped.clear();
    out = escapeMarkdown(text);
    escaped.set(text, out);
  }
  return out;
}

/**
 * One numbered source: title (linked when there is a URL), publisher, date, and the source's own
 * words. A source whose claim the answer corrects, and one that backs a field, say so.
 */
export function sourceField(c: Citation): APIEmbedField {
  const meta = [c.publisher, c.date ? formatDate(c.date) : null].filter(Boolean).join(', ');
  const title = escapedCorpusText(c.title).replace(/[[\]]/g, '');
  const link = c.url ? `[${truncate(title, 180)}](${c.url})` : truncate(title, 180);
  const quote = truncate(c.quote, QUOTE_MAX_CHARS)
    .split('\n')
    .map((l) => `> ${escapedCorpusText(l)}`)
    .join('\n');
  const role = c.role === 'refuted' ? 'claimed by ' : '';
  const note = c.role === 'refuted' ? ' (corrected here)' : c.role === 'field' && c.field ? ` · for ${c.field}` : '';
  return {
    name: truncate(`[${c.n}] ${role}${meta || 'source'}${note}`, EMBED_FIELD_NAME_MAX_CHARS),
    value: truncate(`${link}\n${quote}\n\`${c.passageId}\``, EMBED_FIELD_VALUE_MAX_CHARS),
  };
}

/** Trims an embed until it is within every limit, dropping trailing fields first. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  if (out.title) out.title = truncate(out.title, EMBED_TITLE_MAX_CHARS);
  if (out.description) out.description = truncate(out.description, EMBED_DESCRIPTION_MAX_CHARS);
  if (out.fields) out.fields = out.fields.slice(0, EMBED_MAX_FIELDS);
  while (embedLength(out) > EMBED_TOTAL_MAX_CHARS) {
    if (out.fields && out.fields.length) out.fields.pop();
    else if (out.description) out.description = truncate(out.description, Math.max(1, out.description.length - (embedLength(out) - EMBED_TOTAL_MAX_CHARS) - 1));
    else break;
  }
  if (out.fields && out.fields.length === 0) delete out.fields;
  return out;
}

/** Discord's count of an embed's characters: title, description, field names and values, footer, author. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function citedNumbers(line: string): number[] {
  return [...line.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

function splitLongLine(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}
