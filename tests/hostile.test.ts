/**
 * Hostile text, generated: any Unicode, markdown and code fences, zero-width and right-to-left
 * marks, control characters, mentions and URLs, up to 10,000 characters. Through the answer
 * engine and the Discord renderer nothing throws, every reply fits Discord's limits, and no reply
 * can ping anyone or break out of its formatting.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REAL_CORPUS, appFor } from './helpers/app.ts';
import { buildPayload } from '../src/discord/respond.ts';
import { answerForText } from '../src/discord/bot.ts';
import { URL_IN_TEXT, embedLength, escapeUserText } from '../src/discord/render.ts';
import { respondToLine } from '../src/console/session.ts';
import { toJson } from '../src/render/json.ts';
import {
  EMBED_DESCRIPTION_MAX_CHARS,
  EMBED_FIELD_VALUE_MAX_CHARS,
  EMBED_MAX_FIELDS,
  EMBED_TOTAL_MAX_CHARS,
  MESSAGE_CONTENT_MAX_CHARS,
} from '../src/limits.ts';

const app = appFor(REAL_CORPUS);

/** Counts every generated case, so the total per run is known (and asserted). */
let cases = 0;

const hostilePiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&234567890123456789>', '<#345678901234567890>',
    '```js\nconsole.log(1)\n```', '**bold**', '__under__', '~~strike~~', '||spoiler||', '> quote', '# heading', '[link](https://evil.example)',
    'https://example.com/a?b=c', '\u200B', '\u200F', '\u202E', '\u2066', '\uFEFF', '\u0000', '\u0007', '\u001B[31m', '\r\n', '\t',
    'Who is Witkoff?', 'When did Morocco join?', '/whois Bibi', '/accords members', '/source uae', 'Is Saudi Arabia a member?', 'Токаев',
    '\u{1F600}', 'ﷺ', 'ا'.repeat(20), 'x'.repeat(3000),
  ),
);
const hostileText = fc.array(hostilePiece, { maxLength: 40 }).map((parts) => parts.join('').slice(0, 10_000));

function expectSafePayload(payload: ReturnType<typeof buildPayload>): void {
  expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  expect((payload.content ?? '').length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX_CHARS);
  for (const embed of (payload.embeds ?? []) as import('discord.js').APIEmbed[]) {
    expect(embed.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX_CHARS);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(EMBED_MAX_FIELDS);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX_CHARS);
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX_CHARS);
  }
}

describe('hostile input', () => {
  it('goes through the engine and the Discord renderer without throwing, within limits, without pings', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        cases++;
        const answer = answerForText(app, text);
        const payload = buildPayload({ type: 'answer', answer, restate: `/ask question:${text}` });
        expectSafePayload(payload);
        const description = (payload.embeds![0] as import('discord.js').APIEmbed).description!;
        // The restated input is one line of escaped text: it cannot open a code block or a new quote.
        const restated = description.split('\n\n')[0]!;
        expect(restated.startsWith('> ')).toBe(true);
        expect(restated).not.toContain('\n');
        expect(restated).not.toMatch(/(?<!\\)```/);
        expect(restated).not.toMatch(/@(everyone|here)/);
        expect(restated).not.toMatch(/<(@[!&]?|#)\d+>/);
        // JSON output stays one line.
        expect(JSON.stringify(toJson(answer))).not.toContain('\n');
      }),
      { numRuns: 4000 },
    );
  }, 240_000);

  it('answers through the console parser for any line, never throwing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        cases++;
        const reply = respondToLine(app, text);
        expect(typeof reply.text).toBe('string');
      }),
      { numRuns: 3000 },
    );
  }, 240_000);

  it('escapes any user text so it can neither ping nor format', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        cases++;
        const out = escapeUserText(text);
        expect(out).not.toMatch(/@(everyone|here)/);
        expect(out).not.toMatch(/<(@[!&]?|#)\d+>/);
        // The only invisible character left is the zero-width space that defuses "@" and "<".
        expect(out.replace(/(?<=[@<])\u200B/g, '')).not.toMatch(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
        expect(out.length).toBeLessThanOrEqual(310);
        // Every markdown control character is escaped (inside a URL Discord formats nothing).
        expect(out.replace(new RegExp(URL_IN_TEXT.source, 'g'), '').replace(/\\[\\*_~`|>#\-\[\]()]/g, '')).not.toMatch(/[*_~`|]/);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('generated at least 10,000 cases this run', () => {
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });
});
