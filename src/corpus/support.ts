/**
 * Checks of attribution that the schema cannot make (`npm run corpus:check`):
 * - an excerpt shares at least one name, number or date with the sentence or field it backs, a
 *   cheap guard against a source attached to a sentence it says nothing about;
 * - a sentence that states something as still to come ("is expected at the end of March 2026")
 *   fails once that date has passed, so a stale expectation is never served as pending.
 * These run against a given day (`today`), not at start-up: the bot must not stop serving because
 * the calendar moved on; the check that a curator runs tells them what to reword.
 */
import { fold } from '../text/normalize.ts';
import { fieldValue, type CorpusProblem } from './load.ts';
import type { Corpus } from './model.ts';
import type { Evidence } from './schema.ts';

export interface SupportReport {
  problems: CorpusProblem[];
  /** Curated sentences checked (article paragraphs are their own source and are not counted). */
  sentences: number;
  /** (sentence, source) pairs that support a sentence. */
  pairs: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_PATTERN = MONTHS.join('|');

/** Words that are capitalised for grammar, not because they name something. */
const NOT_NAMES = new Set(
  ('the a an in on at of for and but or to by as it its this that these those there then when while after before since with from ' +
    'he she they we his her their our some other others many most both all one two three four five six seven eight nine ten ' +
    'president prime minister foreign king crown prince envoy ambassador secretary state states government officials official ' +
    'monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr').split(' '),
);

export function checkSupport(corpus: Corpus, options: { today: string }): SupportReport {
  const aliases = entityAliases(corpus);
  const report: SupportReport = { problems: [], sentences: 0, pairs: 0 };
  for (const passage of corpus.passages) {
    if (passage.kind === 'article') continue;
    checkAttribution(passage, aliases, options.today, report);
  }
  return report;
}

/** What the attribution checks read of an entry: its sentences, its field sources, its fields. */
export interface Attributed {
  id: string;
  file: string;
  title: string;
  sentences: readonly { text: string; support: readonly Evidence[]; corrects: readonly Evidence[] }[];
  fieldSupport: readonly { field: string; source: string; excerpt: string }[];
  entry: unknown;
}

/** Checks one entry's attribution, adding its problems and counts to `report`. */
export function checkAttribution(item: Attributed, aliases: string[][], today: string, report: SupportReport): void {
  const where = { file: item.file, id: item.id };
  item.sentences.forEach((s, i) => {
    report.sentences++;
    // Several excerpts of one source for one sentence are read together, as they are shown.
    for (const [role, list] of [['support', s.support], ['corrects', s.corrects]] as const) {
      for (const [source, excerpts] of bySource(list)) {
        if (role === 'support') report.pairs++;
        if (!sharesAnchor(s.text, excerpts.join(' … '), aliases)) {
          report.problems.push({ ...where, field: `text[${i}].${role}`, message: `the excerpt of "${source}" shares no name, number or date with the sentence` });
        }
      }
    }
    const stale = passedExpectation(s.text, today);
    if (stale) {
      report.problems.push({ ...where, field: `text[${i}]`, message: `states as still to come something dated ${stale}, which has passed (checked as of ${today}); say what is known instead` });
    }
  });
  item.fieldSupport.forEach((f, i) => {
    const value = fieldValue(item.entry, f.field);
    const text = `${item.title} ${typeof value === 'string' ? value : JSON.stringify(value ?? '')}`;
    if (!sharesAnchor(text, f.excerpt, aliases)) {
      report.problems.push({ ...where, field: `fieldSupport[${i}]`, message: `the excerpt of "${f.source}" shares no name, number or date with field "${f.field}" (${JSON.stringify(value).slice(0, 80)})` });
    }
  });
}

/** Excerpts grouped by source, in order of first appearance. */
export function bySource(list: readonly { source: string; excerpt: string }[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const e of list) grouped.set(e.source, [...(grouped.get(e.source) ?? []), e.excerpt]);
  return grouped;
}

/** Every entity's folded names, so an excerpt in another script still names the same entity. */
export function entityAliases(corpus: Pick<Corpus, 'entities'>): string[][] {
  return [...corpus.entities.values()].map((e) => [e.name, ...e.aliases].map((a) => fold(a)).filter((a) => a.length >= 3));
}

/** The anchors of a text: numbers, month names, capitalised names (folded, stem of 5), entities. */
export function anchorsOf(text: string, aliases: string[][] = []): Set<string> {
  const anchors = new Set<string>();
  for (const n of text.replace(/(\d),(\d{3})/g, '$1$2').match(/\d+/g) ?? []) anchors.add(`#${Number(n)}`);
  const folded = fold(text);
  for (const m of folded.match(new RegExp(`\\b(?:${MONTH_PATTERN})\\b`, 'g')) ?? []) anchors.add(`@${m}`);
  for (const word of text.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []) {
    const key = fold(word).replace(/['’].*$/, '');
    if (key.length >= 3 && !NOT_NAMES.has(key) && !MONTHS.includes(key)) anchors.add(key.slice(0, 5));
  }
  aliases.forEach((names, i) => {
    if (names.some((name) => containsWord(folded, name))) anchors.add(`&${i}`);
  });
  return anchors;
}

export function sharesAnchor(a: string, b: string, aliases: string[][] = []): boolean {
  const left = anchorsOf(a, aliases);
  for (const anchor of anchorsOf(b, aliases)) if (left.has(anchor)) return true;
  return false;
}

function containsWord(haystack: string, needle: string): boolean {
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (!isLetter(before) && !isLetter(after)) return true;
    at = haystack.indexOf(needle, at + 1);
  }
  return false;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Something stated as still to come: "is expected to", "will", "is scheduled for", not "was expected". */
const FUTURE = /\b(?:(?:is|are) (?:expected|scheduled|due|set|planned|slated)|will|plans? to|intends? to|expected (?:at|in|on|by|to))\b/gi;
const DATE_AFTER = new RegExp(`\\b(?:(\\d{1,2}) )?(${MONTH_PATTERN}) (\\d{4})\\b|\\b(?:in|by|during) (\\d{4})\\b`, 'gi');

/**
 * The date, if any, of something the sentence states as still to come that is before `today`. Only
 * a date after the future phrase counts: "On 6 November 2025 Trump said Kazakhstan will join" is
 * dated by when it was said, not by when the joining is expected.
 */
export function passedExpectation(sentence: string, today: string): string | undefined {
  for (const marker of sentence.matchAll(FUTURE)) {
    const before = sentence.slice(Math.max(0, marker.index - 12), marker.index);
    if (/\b(?:was|were|had been|said it)\s*$/i.test(before) || /\bwas\b/i.test(marker[0])) continue;
    const rest = sentence.slice(marker.index + marker[0].length);
    for (const d of rest.matchAll(DATE_AFTER)) {
      const iso = d[3]
        ? `${d[3]}-${String(MONTHS.indexOf(d[2]!.toLowerCase()) + 1).padStart(2, '0')}${d[1] ? `-${d[1].padStart(2, '0')}` : ''}`
        : d[4]!;
      // A month or year has passed only once it is over.
      if (endOf(iso) < today) return iso;
    }
  }
  return undefined;
}

function endOf(iso: string): string {
  if (iso.length === 10) return iso;
  if (iso.length === 7) {
    const [y, m] = iso.split('-').map(Number);
    const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
    return `${iso}-${String(last).padStart(2, '0')}`;
  }
  return `${iso}-12-31`;
}
