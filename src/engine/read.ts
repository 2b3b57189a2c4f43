/**
 * Reading a question, the first stage after chat and follow-up reading: its English words
 * (translated with the lexicons if it is in another language), its shape, the states and people it
 * names, the words that carry its content, what it asks for, and whose.
 */
import type { PassageIndex } from '../search/index.ts';
import { STOP_WORDS, fold, stem, terms, words } from '../text/normalize.ts';
import { isEnglishWord, type WordVectors } from '../text/vectors.ts';
import type { Translator } from '../text/translate.ts';
import type { EntityResolver } from './entities.ts';
import { FRAME_WORDS, shapeOf, withoutTopicName } from './intent.ts';
import { nationalitiesIn, nationalityWordsIn } from './lexicon.ts';
import { transliterate } from '../text/transliterate.ts';
import { TermMatcher, alternativesIn, answerTypeOf, focusOf, mergeMatches, mergedWords, type Query } from './question.ts';
import { unique } from './passages.ts';

/**
 * Share of a translated question's words the lexicon must know for its other words to be dropped
 * as unreadable (chosen on the question bank's train split: 0.6 to 0.9 all passed 437 of 612; the
 * highest declines most questions the sources cannot answer).
 */
const UNKNOWN_WORDS_DROPPED_FROM = 0.9;

export class QuestionReader {
  constructor(
    private readonly resolver: EntityResolver,
    private readonly index: PassageIndex,
    private readonly vectors: WordVectors,
    private readonly translator: Translator,
  ) {}

  /** The question in English words: translated with the lexicons if it is in another language. */
  toEnglish(question: string): string {
    return this.translate(question).english;
  }

  /** The question in English words, and the share of its words the lexicon knew (1 for English). */
  private translate(question: string): { english: string; known: number } {
    const translation = this.translator.translate(question, (word) => STOP_WORDS.has(word) || FRAME_WORDS.has(stem(word)) || this.index.documentFrequency(stem(word)) > 0);
    // Untranslated, Cyrillic still meets Latin names by spelling.
    return { english: transliterate(translation ? translation.english : question), known: translation?.known ?? 1 };
  }

  /** Everything the engine reads from a question before searching. */
  read(question: string): Query {
    const { english, known } = this.translate(question);
    const shape = shapeOf(english);
    const entityMatches = english === question ? this.resolver.find(question) : mergeMatches(this.resolver.find(question), this.resolver.find(english));
    // Names of states and people, and nationality words ("US", "Israeli"), say whose; not what.
    // (A translated question names them in English: "Maroc" becomes "Morocco".)
    const namingWords = [
      ...entityMatches.flatMap((m) => [...[m.span, ...(m.otherSpans ?? [])].flatMap((span) => span.split(' ')), ...(english === question ? [] : m.entity.name.split(' '))]),
      ...nationalityWordsIn(fold(english)).flatMap((w) => w.split(' ')),
    ];
    const entityWords = new Set(namingWords.flatMap((w) => terms(transliterate(w))));
    // In an English question, a word that is not English at all ("tmrw", "cmte") is chat shorthand or
    // a typo: it cannot be matched, so it must not count against the question. In a translated one,
    // a word the lexicon could not read is dropped the same way when the lexicon read nearly all the
    // others; when it read fewer, the question is not understood and its unread words keep counting.
    const translated = english !== question;
    const shorthand = new Set(
      words(english).filter((w) => (translated ? known >= UNKNOWN_WORDS_DROPPED_FROM : /^[a-z]+$/.test(w)) && !STOP_WORDS.has(w) && this.index.documentFrequency(stem(w)) === 0 && !this.vectors.has(stem(w)) && !isEnglishWord(w)).map(stem),
    );
    const contentTerms = unique(terms(withoutTopicName(english)).filter((t) => !shape.frameWords.has(t) && !entityWords.has(t) && !shorthand.has(t)));
    const focusTerms = new Set(focusOf(english).filter((t) => contentTerms.includes(t)));
    // "Which US envoy …": the state in the asked-for phrase is the one the answer belongs to.
    const focusText = focusOf(english, false).join(' ');
    const focusCountries = [
      ...this.resolver.find(focusText).filter((m) => m.entity.type === 'state').map((m) => m.entity.name),
      ...nationalitiesIn(focusText),
    ];
    const countries = new Set(
      focusCountries.length
        ? focusCountries
        : [
            ...entityMatches.map((m) => (m.entity.type === 'state' ? m.entity.name : m.entity.country)).filter((c): c is string => Boolean(c)),
            ...nationalitiesIn(fold(english)),
          ],
    );
    const alternatives = alternativesIn(entityMatches, mergedWords(question, english));
    const roleTerms = [...focusTerms].filter((t) => nationalitiesIn(t).length === 0 && !this.resolver.find(t, { fuzzy: false }).some((m) => m.entity.type === 'state'));
    return {
      question, english, shape, entityMatches, contentTerms, focusTerms, countries, answerType: answerTypeOf(english), alternatives, roleTerms,
      matcher: new TermMatcher(contentTerms), words: new Set(words(english)),
    };
  }
}
