/**
 * Reads corpus/, validates every entry and the links between them, and turns it into passages.
 * Every problem names the file, the line, the entry id and the field, so a writer can fix it
 * without reading code.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { fold } from '../text/normalize.ts';
import { KIND_FILES, KINDS, precisionOf, sourceSchema, type Kind, type Source } from './schema.ts';
import { SEED_SOURCE_ID, type Corpus, type CorpusEntry, type Entity, type Passage, type PassageSentence } from './model.ts';
import { splitSentences } from '../text/sentences.ts';
import type { SupportedSentence } from './schema.ts';

export interface CorpusProblem {
  file: string;
  line?: number;
  id?: string;
  field?: string;
  message: string;
}

export function formatProblem(p: CorpusProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const entry = p.id ? ` entry "${p.id}"` : '';
  const field = p.field ? ` field "${p.field}"` : '';
  return entry || field ? `${where}:${entry}${field}: ${p.message}` : `${where}: ${p.message}`;
}

export class CorpusError extends Error {
  constructor(readonly problems: CorpusProblem[]) {
    super(
      `corpus is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => '  ' + formatProblem(p)).join('\n'),
    );
    this.name = 'CorpusError';
  }
}

export const ARTICLE_FILE = 'article.txt';

interface RawFile {
  path: string;
  display: string;
  text: string;
}

/** Loads and validates the corpus in `dir`; throws a CorpusError listing every problem. */
export function loadCorpus(dir: string): Corpus {
  const problems: CorpusProblem[] = [];
  const display = (path: string) => relative(process.cwd(), path) || path;

  const readRaw = (path: string): RawFile | undefined => {
    if (!existsSync(path)) {
      problems.push({ file: display(path), message: 'file is missing' });
      return undefined;
    }
    return { path, display: display(path), text: readFileSync(path, 'utf8') };
  };

  // Sources, merged from every file in sources/.
  const sources = new Map<string, Source>();
  const sourceDir = join(dir, 'sources');
  const sourceFiles = existsSync(sourceDir)
    ? readdirSync(sourceDir).filter((f) => f.endsWith('.json')).sort()
    : [];
  if (sourceFiles.length === 0) problems.push({ file: display(sourceDir), message: 'no source files (sources/*.json)' });
  const sourceLocation = new Map<string, string>();
  const urlOwner = new Map<string, string>();
  for (const name of sourceFiles) {
    const raw = readRaw(join(sourceDir, name));
    if (!raw) continue;
    for (const { value, line } of parseArray(raw, problems)) {
      const id = idOf(value);
      const parsed = sourceSchema.safeParse(value);
      if (!parsed.success) {
        problems.push(...zodProblems(parsed.error, raw.display, line, id));
        continue;
      }
      const source = parsed.data;
      if (sources.has(source.id)) {
        problems.push({ file: raw.display, line, id: source.id, field: 'id', message: `duplicate source id (also in ${sourceLocation.get(source.id)})` });
        continue;
      }
      if (source.url) {
        const owner = urlOwner.get(source.url);
        if (owner) problems.push({ file: raw.display, line, id: source.id, field: 'url', message: `same URL as source "${owner}"` });
        urlOwner.set(source.url, source.id);
      }
      sources.set(source.id, source);
      sourceLocation.set(source.id, `${raw.display}:${line}`);
    }
  }

  const passages: Passage[] = [];
  const idLocation = new Map<string, string>();
  const claimId = (id: string, file: string, line: number): boolean => {
    const previous = idLocation.get(id);
    if (previous) {
      problems.push({ file, line, id, field: 'id', message: `duplicate id (also at ${previous})` });
      return false;
    }
    idLocation.set(id, `${file}:${line}`);
    return true;
  };

  // The seed article, one passage per paragraph.
  const article = readRaw(join(dir, ARTICLE_FILE));
  if (article) {
    const seed = sources.get(SEED_SOURCE_ID);
    if (!seed) problems.push({ file: article.display, message: `needs a source with id "${SEED_SOURCE_ID}" in sources/` });
    article.text.split('\n').forEach((paragraph, index) => {
      if (!paragraph.trim()) return;
      const id = `article-p${index + 1}`;
      claimId(id, article.display, index + 1);
      // The article is its own source: each sentence is its own verbatim excerpt.
      const sentences = splitSentences(paragraph).map(({ text, start }) => ({
        text, start, support: [{ source: SEED_SOURCE_ID, excerpt: text }], corrects: [],
      }));
      passages.push({
        id,
        kind: 'article',
        title: `Seed article, paragraph ${index + 1}`,
        keywords: 'article news report',
        text: paragraph,
        sentences,
        fieldSupport: [],
        sources: [SEED_SOURCE_ID],
        about: [],
        date: seed?.published ?? undefined,
        file: article.display,
        entry: { type: 'paragraph', index: index + 1 },
      });
    });
  }

  // Curated facts, kind by kind.
  const entityDeclarations: { entity: Entity; file: string; line: number }[] = [];
  const lineOf = new Map<string, { file: string; line: number }>();
  for (const kind of KINDS) {
    const { file, schema } = KIND_FILES[kind];
    const raw = readRaw(join(dir, file));
    if (!raw) continue;
    for (const { value, line } of parseArray(raw, problems)) {
      const id = idOf(value);
      const parsed = (schema as z.ZodType).safeParse(value);
      if (!parsed.success) {
        problems.push(...zodProblems(parsed.error, raw.display, line, id));
        continue;
      }
      const entry = { kind, ...(parsed.data as object) } as CorpusEntry;
      if (!claimId(entry.id, raw.display, line)) continue;
      lineOf.set(entry.id, { file: raw.display, line });
      const passage = toPassage(kind, entry, raw.display);
      checkDates(entry, raw.display, line, problems);
      passages.push(passage);
      const entity = toEntity(entry, passage);
      if (entity) entityDeclarations.push({ entity, file: raw.display, line });
    }
  }

  // A file that is not even JSON makes every cross-reference check noise: report it alone.
  if (problems.some((p) => p.message.startsWith('is not valid JSON') || p.message === 'file is missing')) {
    throw new CorpusError(problems);
  }

  // Entities and their aliases: unique across the corpus after folding.
  const entities = new Map<string, Entity>();
  const aliasOwner = new Map<string, string>();
  for (const { entity, file, line } of entityDeclarations) {
    entities.set(entity.id, entity);
    const seen = new Set<string>();
    [entity.name, ...entity.aliases].forEach((name, i) => {
      const key = fold(name).trim();
      if (seen.has(key)) return; // the same spelling twice in one entry is harmless
      seen.add(key);
      const owner = aliasOwner.get(key);
      if (owner && owner !== entity.id) {
        problems.push({
          file, line, id: entity.id, field: i === 0 ? 'name' : `aliases[${i - 1}]`,
          message: `alias "${name}" is already used by "${owner}"`,
        });
      }
      aliasOwner.set(key, entity.id);
    });
  }

  // Links: every cited source exists and every source is cited; `about` names entities; field
  // support names a field the entry has.
  const usedSources = new Set<string>();
  for (const passage of passages) {
    const where = lineOf.get(passage.id) ?? { file: passage.file, line: undefined };
    const unknown = (sourceId: string, field: string) => {
      usedSources.add(sourceId);
      if (!sources.has(sourceId)) problems.push({ ...where, id: passage.id, field, message: `unknown source id "${sourceId}"` });
    };
    passage.sentences.forEach((s, i) => {
      s.support.forEach((e, j) => unknown(e.source, `text[${i}].support[${j}].source`));
      s.corrects.forEach((e, j) => {
        unknown(e.source, `text[${i}].corrects[${j}].source`);
        if (s.support.some((x) => x.source === e.source)) {
          problems.push({ ...where, id: passage.id, field: `text[${i}].corrects[${j}]`, message: `"${e.source}" cannot both support and be corrected by the same sentence` });
        }
      });
    });
    passage.fieldSupport.forEach((f, i) => {
      unknown(f.source, `fieldSupport[${i}].source`);
      if (fieldValue(passage.entry, f.field) === undefined) {
        problems.push({ ...where, id: passage.id, field: `fieldSupport[${i}].field`, message: `the entry has no field "${f.field}"` });
      }
    });
    passage.about.forEach((entityId, i) => {
      if (!entities.has(entityId)) {
        problems.push({ ...where, id: passage.id, field: `about[${i}]`, message: `unknown entity id "${entityId}"` });
      }
    });
  }
  for (const [id] of sources) {
    if (!usedSources.has(id)) {
      const [file, line] = splitLocation(sourceLocation.get(id));
      problems.push({ file, line, id, message: 'source is never cited by any entry' });
    }
  }

  if (problems.length > 0) throw new CorpusError(problems);

  const counts: Record<string, number> = { sources: sources.size };
  for (const p of passages) {
    const key = p.kind === 'note' ? `${(p.entry as CorpusEntry).kind === 'members' ? 'member' : 'candidate'} notes` : kindLabel(p.kind);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return {
    sources,
    passages,
    passageById: new Map(passages.map((p) => [p.id, p])),
    entities,
    counts,
  };
}

function kindLabel(kind: Passage['kind']): string {
  switch (kind) {
    case 'article': return 'article paragraphs';
    case 'member': return 'members';
    case 'candidate': return 'candidates';
    case 'actor': return 'actors';
    case 'event': return 'timeline';
    case 'caveat': return 'caveats';
    case 'note': return 'notes';
  }
}

function toPassage(kind: Kind, entry: CorpusEntry, file: string): Passage {
  const sentences = toSentences(entry.text);
  const text = sentences.map((s) => s.text).join(' ');
  const sources = unique([...entry.text.flatMap((s) => [...s.support, ...s.corrects]), ...entry.fieldSupport].map((e) => e.source));
  const base = { id: entry.id, text, sentences, fieldSupport: entry.fieldSupport, sources, about: [...entry.about], file, entry };
  switch (entry.kind) {
    case 'members':
    case 'candidates':
      if (entry.type === 'profile') {
        const keywords =
          entry.kind === 'members'
            ? ['member status joined announced signed', ...entry.documents, ...entry.signed.map((s) => `${s.document} ${s.place}`), ...entry.signatories.map((s) => `${s.name} ${s.role ?? ''}`)]
            : ['status not member conditions', ...entry.conditions];
        return {
          ...base, kind: kind === 'members' ? 'member' : 'candidate', title: entry.state, asOf: entry.asOf,
          about: unique([entry.id, ...entry.about]), keywords: keywords.join(' ; '),
        };
      }
      return {
        ...base, kind: 'note', title: entry.topic ?? titleFromId(entry.id), keywords: '',
        date: entry.date, precision: entry.precision ?? (entry.date ? precisionOf(entry.date) : undefined), asOf: entry.asOf,
      };
    case 'actors':
      return {
        ...base, kind: 'actor', title: entry.name, about: unique([entry.id, ...entry.about]),
        keywords: ['role who person', entry.country, ...entry.roles.map((r) => r.title)].join(' ; '),
      };
    case 'timeline':
      return { ...base, kind: 'event', title: entry.title, date: entry.date, precision: entry.precision, keywords: 'date event happened' };
    case 'caveats':
      return { ...base, kind: 'caveat', title: entry.topic, asOf: entry.asOf, keywords: 'caveat criticism concern dispute' };
  }
}

/** The entry's sentences with their offsets in the joined text. */
function toSentences(text: SupportedSentence[]): PassageSentence[] {
  let start = 0;
  return text.map((s) => {
    const sentence = { text: s.sentence.trim(), start, support: s.support, corrects: s.corrects };
    start += sentence.text.length + 1;
    return sentence;
  });
}

/** The value at a field path such as "announced", "roles[0].from" or "signed[1]"; undefined if absent. */
export function fieldValue(entry: unknown, path: string): unknown {
  const match = /^([a-zA-Z]+)(?:\[(\d+)\])?(?:\.([a-zA-Z]+))?$/.exec(path);
  if (!match || !entry || typeof entry !== 'object') return undefined;
  let value: unknown = (entry as Record<string, unknown>)[match[1]!];
  if (match[2] !== undefined) value = Array.isArray(value) ? value[Number(match[2])] : undefined;
  if (match[3] !== undefined) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[match[3]] : undefined;
  // A null role date ("from": null) is a field that exists but says nothing: it cannot be supported.
  return value === null ? undefined : value;
}

function toEntity(entry: CorpusEntry, passage: Passage): Entity | undefined {
  if ((entry.kind === 'members' || entry.kind === 'candidates') && entry.type === 'profile') {
    return {
      id: entry.id, type: 'state', name: entry.state, aliases: entry.aliases, passageId: passage.id,
      membership: entry.kind === 'members' ? 'member' : 'non-member',
    };
  }
  if (entry.kind === 'actors') {
    return { id: entry.id, type: 'person', name: entry.name, aliases: entry.aliases, passageId: passage.id, country: entry.country };
  }
  return undefined;
}

function checkDates(entry: CorpusEntry, file: string, line: number, problems: CorpusProblem[]): void {
  if (!('date' in entry) || !entry.date) return;
  const declared = 'precision' in entry ? entry.precision : undefined;
  if (declared && declared !== precisionOf(entry.date)) {
    problems.push({ file, line, id: entry.id, field: 'precision', message: `"${declared}" does not match date "${entry.date}"` });
  }
}

function titleFromId(id: string): string {
  return id.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function idOf(value: unknown): string | undefined {
  return value && typeof value === 'object' && 'id' in value && typeof value.id === 'string' ? value.id : undefined;
}

function splitLocation(location: string | undefined): [string, number | undefined] {
  const match = /^(.*):(\d+)$/.exec(location ?? '');
  return match ? [match[1]!, Number(match[2])] : [location ?? '?', undefined];
}

function zodProblems(error: z.ZodError, file: string, line: number, id: string | undefined): CorpusProblem[] {
  return error.issues.map((issue) => ({
    file, line, id,
    field: issue.path.length ? issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : (i ? '.' : '') + String(k))).join('') : undefined,
    message: issue.message,
  }));
}

/**
 * Parses a JSON array file, returning each element with the line it starts on. A syntax error is
 * reported with its line.
 */
function parseArray(raw: RawFile, problems: CorpusProblem[]): { value: unknown; line: number }[] {
  let data: unknown;
  try {
    data = JSON.parse(raw.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = lineAt(raw.text, syntaxErrorOffset(raw.text));
    problems.push({ file: raw.display, line, message: `is not valid JSON: ${message.replace(/\s+/g, ' ')}` });
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push({ file: raw.display, line: 1, message: 'must be a JSON array of entries' });
    return [];
  }
  const starts = elementStartLines(raw.text);
  return data.map((value, i) => ({ value, line: starts[i] ?? 1 }));
}

/**
 * Where JSON.parse gives up, found by bisection: every prefix shorter than the error fails only
 * with "unexpected end", every longer one fails for another reason. (Node 20's messages carry no
 * position.)
 */
function syntaxErrorOffset(text: string): number {
  const failsOnlyAtEnd = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const message = String((error as Error).message);
      const position = /position (\d+)/.exec(message);
      return /end of JSON input/.test(message) || (position !== null && Number(position[1]) >= length);
    }
  };
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (failsOnlyAtEnd(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line numbers where each top-level element of a JSON array begins. */
function elementStartLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 1) lines.push(line);
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
    else if (depth === 1 && /[\d\-tfn]/.test(c) && !/[\d\-tfnrueals.]/.test(text[i - 1] ?? ' ')) lines.push(line);
  }
  return lines;
}
