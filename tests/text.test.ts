import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, fold, terms, words } from '../src/text/normalize.ts';
import { splitSentences } from '../src/text/sentences.ts';

describe('fold', () => {
  it('lower-cases and removes diacritics', () => {
    expect(fold('Qasym-Jomart Toqaýev')).toBe('qasym-jomart toqayev');
    expect(fold('Bourita É')).toBe('bourita e');
  });

  it('joins apostrophes inside words and dotted acronyms', () => {
    expect(words("Sa'ar and Shi’ite in the U.S. and U.A.E.")).toEqual(['saar', 'and', 'shiite', 'in', 'the', 'us', 'and', 'uae']);
  });

  it('keeps Cyrillic letters as letters', () => {
    expect(words('Касым-Жомарт Токаев')).toEqual(['касым', 'жомарт', 'токаев']);
  });

  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => fold(fold(s)) === fold(s)), { numRuns: 2000 });
  });
});

describe('terms', () => {
  it('drops stop words and folds plurals', () => {
    expect(terms('What are the members of the Abraham Accords?')).toEqual(['member', 'abraham', 'accord']);
  });
});

describe('editDistance', () => {
  it('counts one typo as one edit', () => {
    expect(editDistance('witkof', 'witkoff')).toBe(1);
    expect(editDistance('tokaev', 'tokayev')).toBe(1);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        return d === editDistance(b, a) && (d === 0) === (a === b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitSentences', () => {
  it('does not split after abbreviations, initials or dotted acronyms', () => {
    const text = 'The U.S. envoy Steve Witkoff spoke. Donald J. Trump later posted on Truth Social. It was Nov. 6, 2025.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'The U.S. envoy Steve Witkoff spoke.',
      'Donald J. Trump later posted on Truth Social.',
      'It was Nov. 6, 2025.',
    ]);
  });

  it('returns verbatim substrings at their offsets that cover every non-space character', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('. ', '? ', 'U.S. ', 'A', ' 1', '"')), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const sentences = splitSentences(text);
        for (const s of sentences) if (text.slice(s.start, s.start + s.text.length) !== s.text) return false;
        return sentences.map((s) => s.text).join('').replace(/\s/g, '') === text.replace(/\s/g, '');
      }),
      { numRuns: 3000 },
    );
  });
});
