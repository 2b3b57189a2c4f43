/**
 * Reading questions in Russian, Kazakh, French, Spanish, Arabic, Hebrew and German: a word-by-word
 * translation into English with the lexicons in data/lexicons (one per language: every English
 * item with the forms people write for it, inflected forms included). The answer stays in English;
 * the translation only has to carry what the question asks and about whom.
 *
 * The language is the one whose lexicon knows most of the question's words, if it knows more of
 * them than English does. A word no lexicon lists stays as it is (a name in Latin letters), or is
 * transliterated if Cyrillic, so that a name can still be found by spelling.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold, joinModelNames } from './normalize.ts';
import { transliterate } from './transliterate.ts';
import { isEnglishWord } from './vectors.ts';
import { projectRoot } from '../paths.ts';

/** Longest phrase, in words, looked up as one item ("Соглашения Авраама", "¿por qué?"). */
const MAX_PHRASE_WORDS = 5;
/** Shortest shared beginning for an inflected form to count as a lexicon form (Казахстана ~ Казахстан). */
const MIN_STEM_CHARS = 4;
/** Arabic and Hebrew write conjunctions, prepositions and the article as letters before the word. */
const CLITICS: Record<string, RegExp> = {
  ar: /^(?:و|ف|ب|ل|ك)?(?:ال)?/u,
  he: /^(?:ו|ש|כש|מ|ה|ב|ל|כ)?(?:ה)?/u,
};
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

interface Lexicon {
  language: string;
  /** Folded form (one or more words) → English; "" for words that are dropped. */
  forms: Map<string, string>;
  /** Single-word forms, sorted, for the inflection fallback. */
  words: string[];
  longestPhrase: number;
}

export interface Translation {
  language: string;
  english: string;
  /** Share of the question's words the lexicon knew. */
  known: number;
}

/** Folded word tokens of a text, with apostrophe and hyphen joins kept ("d'abraham", "est-ce"). */
function tokens(text: string): string[] {
  // Apostrophes split ("l'adhésion" → l, adhésion) before folding, which would join them.
  // A model name ("F-35", "Су-57") stays one word, as in English questions.
  const folded = joinModelNames(fold(text.replace(/['’‘`´]/g, ' ')));
  return (folded.match(TOKEN) ?? []).flatMap((t) => t.split(/-/).filter(Boolean));
}

/**
 * Marks of a yes/no question where the language has one: a particle (Russian ли, Kazakh ма/ме/ба/бе/па/пе,
 * Arabic هل, Hebrew האם) or French inversion ("est-ce que", "fait-il"). English puts the verb first instead.
 */
const YES_NO_MARKERS: Record<string, RegExp> = {
  ru: /(?:^|\s)ли(?=\s|$|[?,.!])/iu,
  kk: /(?:^|\s)(?:ма|ме|ба|бе|па|пе)(?=\s|$|[?,.!])/iu,
  ar: /(?:^|\s)هل(?=\s)/u,
  he: /(?:^|\s)האם(?=\s)/u,
  fr: /\best[- ]ce qu|\b\p{L}+-(?:t-)?(?:il|elle|ils|elles|on)\b/iu,
};
const HAS_QUESTION_WORD = /\b(?:when|who|whom|whose|what|which|why|where|how)\b/;
const OPENS_QUESTION = /^(?:when|who|whom|whose|what|which|why|where|how|is|are|was|were|has|have|had|did|does|do|can|could|will|would|should)\b/;

function parse(language: string, text: string): Lexicon {
  const forms = new Map<string, string>();
  let longestPhrase = 1;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const english = line.slice(0, tab).trim();
    const nameWords = english.includes(' ') ? english.split(' ').filter((w) => /^\p{Lu}/u.test(w) && w.length >= 4) : [];
    for (const form of line.slice(tab + 1).split('|')) {
      const key = tokens(form).join(' ');
      if (!key || forms.has(key)) continue;
      // A single word of a longer name ("Негев" in "Negev Forum") stands for that word, not the whole name.
      const part = !key.includes(' ') ? nameWords.find((w) => transliterate(key).startsWith(fold(w).slice(0, 4))) : undefined;
      forms.set(key, english === '-' ? '' : (part ?? english));
      longestPhrase = Math.max(longestPhrase, key.split(' ').length);
    }
  }
  const words = [...forms.keys()].filter((k) => !k.includes(' ')).sort();
  return { language, forms, words, longestPhrase: Math.min(longestPhrase, MAX_PHRASE_WORDS) };
}

export class Translator {
  private loaded: Lexicon[] | undefined;

  /** `read` gives the lexicons; it is called the first time a question may not be English. */
  constructor(private readonly read: () => Lexicon[]) {}

  /**
   * Reads every `<language>.tsv` in `dir`, when first needed. Parsing them takes a few hundred
   * milliseconds, so `npm run build` keeps the parsed forms in `cacheFile`, which is used while the
   * files still hash the same (writeLexiconCache).
   */
  static load(dir: string, cacheFile?: string): Translator {
    return new Translator(() => {
      if (!existsSync(dir)) return [];
      const texts = lexiconTexts(dir);
      const cached = cacheFile ? readLexiconCache(cacheFile, texts) : undefined;
      return cached ?? texts.map(([language, text]) => parse(language, text));
    });
  }

  private get lexicons(): Lexicon[] {
    this.loaded ??= this.read();
    return this.loaded;
  }

  get languages(): string[] {
    return this.lexicons.map((l) => l.language);
  }

  /**
   * The question in English words, or undefined when it reads as English already.
   * `isEnglish` says whether a folded word is an English word the bot knows.
   */
  translate(question: string, isEnglish: (word: string) => boolean): Translation | undefined {
    const toks = tokens(question);
    if (toks.length === 0) return undefined;
    const englishShare = toks.filter(isEnglish).length / toks.length;
    const nonLatin = /[\u0400-\u04FF\u0590-\u05FF\u0600-\u06FF]/.test(question);
    // Plain English needs no lexicon: every word known, no letters beyond ASCII.
    if (!nonLatin && englishShare === 1 && /^[\x00-\x7F]*$/.test(question)) return undefined;
    let best: { lexicon: Lexicon; known: number } | undefined;
    const vocabulary = toks.map((t) => isEnglishWord(t));
    // Every word one of GloVe's (a name of ours, a rare English word): English too, no lexicon
    // lookups needed (train, test, dev and own unchanged; reading is faster).
    if (!nonLatin && vocabulary.every(Boolean) && /^[\x00-\x7F]*$/.test(question)) return undefined;
    for (const lexicon of this.candidates(question)) {
      const known = this.knownShare(lexicon, toks, vocabulary);
      if (!best || known > best.known) best = { lexicon, known };
    }
    // One Latin-script word ("witkof") is no evidence of a language; it is a name or a typo.
    if (!best || best.known === 0 || (!nonLatin && (best.known <= englishShare || toks.length < 2))) return undefined;
    let english = this.render(best.lexicon, toks);
    const marker = YES_NO_MARKERS[best.lexicon.language];
    if (marker?.test(question) && !OPENS_QUESTION.test(english)) english = `is ${english}`;
    // "¿Arabia Saudita es miembro …?" keeps the word order of a statement: the verb moves to the
    // front, as in an English yes/no question.
    const statement = /^(.{1,40}?)\s+(is|are|was|were|has|have|had|did|does)\s+(.+)$/.exec(english);
    if (statement && /\?\s*$/.test(question) && !OPENS_QUESTION.test(english) && !HAS_QUESTION_WORD.test(english)) {
      english = `${statement[2]} ${statement[1]} ${statement[3]}`;
    }
    return { language: best.lexicon.language, english, known: best.known };
  }

  /** Lexicons worth trying, by script: Cyrillic, Arabic and Hebrew letters narrow it down. */
  private candidates(question: string): Lexicon[] {
    const script = /[\u0590-\u05FF]/.test(question) ? ['he'] : /[\u0600-\u06FF]/.test(question) ? ['ar'] : /[\u0400-\u04FF]/.test(question) ? ['ru', 'kk'] : undefined;
    return script ? this.lexicons.filter((l) => script.includes(l.language)) : this.lexicons.filter((l) => !['he', 'ar', 'ru', 'kk'].includes(l.language));
  }

  /**
   * Share of the words the lexicon knows. A word of GloVe's vocabulary counts only as one of the
   * lexicon's own forms, not as an inflection of one: in "tokayev favorite color", "color" is not
   * Spanish "colonia" (train and test unchanged by this; the question had been read as Spanish).
   */
  private knownShare(lexicon: Lexicon, toks: string[], inVocabulary: boolean[]): number {
    let known = 0;
    toks.forEach((t, i) => {
      if (this.lookup(lexicon, t, !inVocabulary[i]) !== undefined) known++;
    });
    return known / toks.length;
  }

  /** The English of one word: its form, its form without clitics, or the form it inflects. */
  private lookup(lexicon: Lexicon, word: string, inflected = true): string | undefined {
    const direct = lexicon.forms.get(word);
    if (direct !== undefined) return direct;
    const clitics = CLITICS[lexicon.language];
    if (clitics) {
      const bare = word.replace(clitics, '');
      if (bare.length >= 2 && bare !== word) {
        const found = lexicon.forms.get(bare) ?? lexicon.forms.get(word.slice(1));
        if (found !== undefined) return found;
      }
    }
    if (!inflected || word.length < MIN_STEM_CHARS + 1) return undefined;
    return this.byStem(lexicon, word);
  }

  /** The longest lexicon word sharing all but an ending with `word` (an inflection of it). */
  private byStem(lexicon: Lexicon, word: string): string | undefined {
    let best: string | undefined;
    let bestShared = 0;
    // Candidates share at least the first MIN_STEM_CHARS letters: a binary search finds where they start.
    const prefix = word.slice(0, MIN_STEM_CHARS);
    let lo = 0;
    let hi = lexicon.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lexicon.words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < lexicon.words.length && lexicon.words[i]!.startsWith(prefix); i++) {
      const form = lexicon.words[i]!;
      let shared = 0;
      while (shared < form.length && shared < word.length && form[shared] === word[shared]) shared++;
      // The differing endings are short: an inflection, not another word on the same root.
      const tail = Math.max(form.length - shared, word.length - shared);
      if (shared >= MIN_STEM_CHARS && tail <= Math.max(3, Math.floor(shared / 2)) && shared > bestShared) {
        best = form;
        bestShared = shared;
      }
    }
    return best === undefined ? undefined : lexicon.forms.get(best);
  }

  private render(lexicon: Lexicon, toks: string[]): string {
    const out: string[] = [];
    for (let i = 0; i < toks.length; ) {
      let taken = 0;
      for (let n = Math.min(lexicon.longestPhrase, toks.length - i); n >= 2; n--) {
        const phrase = toks.slice(i, i + n).join(' ');
        // "באבו דאבי" (in Abu Dhabi): the clitics stand before the phrase's first word.
        const clitics = CLITICS[lexicon.language];
        const english = lexicon.forms.get(phrase) ?? (clitics ? lexicon.forms.get(phrase.replace(clitics, '')) ?? lexicon.forms.get(phrase.slice(1)) : undefined);
        if (english !== undefined) {
          if (english) out.push(english);
          taken = n;
          break;
        }
      }
      if (taken) {
        i += taken;
        continue;
      }
      const english = this.lookup(lexicon, toks[i]!);
      if (english === undefined) out.push(toks[i]!);
      else if (english) out.push(english);
      i++;
    }
    return out.join(' ');
  }
}

/** Each lexicon's language and text, in a stable order. */
function lexiconTexts(dir: string): [string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => [f.replace(/\.tsv$/, ''), readFileSync(join(dir, f), 'utf8')]);
}

function fingerprint(texts: [string, string][]): string {
  const hash = createHash('sha256');
  for (const [language, text] of texts) hash.update(`${language}\0${text}\0`);
  return hash.digest('hex');
}

interface LexiconCache {
  fingerprint: string;
  lexicons: { language: string; forms: [string, string][]; longestPhrase: number }[];
}

function readLexiconCache(file: string, texts: [string, string][]): Lexicon[] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as LexiconCache;
    if (cache.fingerprint !== fingerprint(texts)) return undefined;
    return cache.lexicons.map(({ language, forms, longestPhrase }) => {
      const map = new Map(forms);
      return { language, forms: map, words: [...map.keys()].filter((k) => !k.includes(' ')).sort(), longestPhrase };
    });
  } catch {
    return undefined; // an unreadable cache only costs the parse
  }
}

/** Writes the parsed lexicons of `dir` to `file` (run by `npm run build`). */
export function writeLexiconCache(dir: string, file: string): void {
  const texts = lexiconTexts(dir);
  const cache: LexiconCache = {
    fingerprint: fingerprint(texts),
    lexicons: texts.map(([language, text]) => {
      const { forms, longestPhrase } = parse(language, text);
      return { language, forms: [...forms], longestPhrase };
    }),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(cache));
  renameSync(temporary, file);
}

export const lexiconDir = join(projectRoot, 'data', 'lexicons');
export const lexiconCacheFile = join(projectRoot, 'dist', 'lexicons.json');

let loaded: Translator | undefined;

/** The project's lexicons (data/lexicons), read once per process. */
export function defaultTranslator(): Translator {
  loaded ??= Translator.load(lexiconDir, lexiconCacheFile);
  return loaded;
}
