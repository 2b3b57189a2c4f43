import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embedLength, escapeUserText, renderEmbeds } from '../src/discord/render.ts';
import { buildPayload } from '../src/discord/respond.ts';
import { PageStore } from '../src/discord/pages.ts';
import { FIXTURE_CORPUS, REAL_CORPUS, engineFor } from './helpers/app.ts';
import { renderText } from '../src/render/text.ts';
import { toJson } from '../src/render/json.ts';
import {
  EMBED_DESCRIPTION_MAX_CHARS,
  EMBED_FIELD_NAME_MAX_CHARS,
  EMBED_FIELD_VALUE_MAX_CHARS,
  EMBED_FOOTER_MAX_CHARS,
  EMBED_MAX_FIELDS,
  EMBED_TOTAL_MAX_CHARS,
} from '../src/limits.ts';
import type { APIEmbed } from 'discord.js';

const engine = engineFor(REAL_CORPUS);

export function expectEmbedWithinLimits(embed: APIEmbed): void {
  expect(embed.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX_CHARS);
  expect(embed.footer!.text.length).toBeLessThanOrEqual(EMBED_FOOTER_MAX_CHARS);
  expect((embed.fields ?? []).length).toBeLessThanOrEqual(EMBED_MAX_FIELDS);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX_CHARS);
    expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX_CHARS);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX_CHARS);
}

describe('Discord rendering', () => {
  it('pages the full timeline, every page within the limits and carrying the sources it cites', () => {
    const pages = renderEmbeds(engine.timeline(), { restate: '/accords timeline' });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expectEmbedWithinLimits(page);
      const cited = new Set([...page.description!.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
      const shown = new Set((page.fields ?? []).map((f) => /^\[(\d+)\]/.exec(f.name)![1]));
      for (const n of cited) expect(shown.has(n), `[${n}] on page`).toBe(true);
    }
    expect(pages[0]!.footer!.text).toMatch(/^Page 1 of \d+/);
  });

  it('fits every command answer of the real corpus', () => {
    for (const answer of [engine.members(), engine.caveats(), engine.about(), engine.timeline(), engine.whois('Witkoff'), engine.source('seed-article')]) {
      for (const page of renderEmbeds(answer, { restate: 'x'.repeat(5000) })) expectEmbedWithinLimits(page);
    }
  });

  it('adds page buttons only when there is more than one page', () => {
    const store = new PageStore();
    const long = buildPayload({ type: 'answer', answer: engine.timeline() }, { pages: store, userId: '1' });
    expect(long.components).toHaveLength(1);
    const short = buildPayload({ type: 'answer', answer: engine.whois('Bibi') }, { pages: store, userId: '1' });
    expect(short.components).toHaveLength(0);
  });

  it('never lets a reply ping anyone', () => {
    for (const content of [
      { type: 'answer' as const, answer: engine.ask('@everyone who is Bibi?'), restate: '@everyone <@&1> who?' },
      { type: 'error' as const, message: 'x' },
      { type: 'notice' as const, message: '@here try again' },
    ]) {
      expect(buildPayload(content).allowedMentions).toEqual({ parse: [], repliedUser: false });
    }
  });

  it('suppresses link previews in plain text by wrapping URLs', () => {
    const payload = buildPayload({ type: 'notice', message: 'see https://example.com/x' });
    expect(payload.content).toBe('see <https://example.com/x>');
  });

  describe('citations', () => {
    const fixture = engineFor(FIXTURE_CORPUS);
    const corrected = fixture.source('cav-article-who-announced');

    it("shows each source's own words under its number, never our sentence", () => {
      const answer = fixture.whois('Tokayev');
      const fields = renderEmbeds(answer)[0]!.fields!;
      for (const c of answer.citations) {
        const field = fields.find((f) => f.name.startsWith(`[${c.n}]`))!;
        expect(field.value).toContain(c.quote.slice(0, 40));
        for (const sentence of c.sentences) expect(field.value).not.toContain(sentence);
      }
    });

    it('labels a source whose claim the answer corrects, on Discord, in text and in JSON', () => {
      const refuted = corrected.citations.find((c) => c.role === 'refuted')!;
      expect(refuted.sourceId).toBe('seed-article');
      expect(corrected.text).toMatch(new RegExp(`\\(correcting \\[${refuted.n}\\]\\)`));
      const field = renderEmbeds(corrected)[0]!.fields!.find((f) => f.name.startsWith(`[${refuted.n}]`))!;
      expect(field.name).toMatch(/claimed by .*\(corrected here\)/);
      expect(renderText(corrected)).toContain(`[${refuted.n}] claimed by `);
      const json = toJson(corrected).citations.find((c) => c.role === 'refuted')!;
      expect(json).toMatchObject({ source: 'seed-article', quote: refuted.quote, sentence: expect.stringContaining('Other reports say') });
    });

    it('says which field a field source backs', () => {
      const answer = fixture.source('uae');
      const field = answer.citations.find((c) => c.role === 'field')!;
      expect(field.field).toBe('signatories[0]');
      expect(renderText(answer)).toContain(`, for signatories[0]`);
      expect(renderEmbeds(answer)[0]!.fields!.find((f) => f.name.startsWith(`[${field.n}]`))!.name).toContain('for signatories[0]');
    });
  });

  describe('escapeUserText', () => {
    it('defuses mentions and escapes markdown', () => {
      expect(escapeUserText('@everyone **bold** <@123> <@&456> <#789>')).toBe('@\u200beveryone \\*\\*bold\\*\\* <\u200b@123\\> <\u200b@&456\\> <\u200b\\#789\\>');
    });

    it('never returns a live mention, for any input', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom('@everyone', '@here', '<@12345678901234567>', '<@&12345678901234567>', '<#12345678901234567>'), (noise, mention) => {
          const out = escapeUserText(noise + mention + noise);
          return !/@(everyone|here)/.test(out) && !/<(@[!&]?|#)\d+>/.test(out);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
