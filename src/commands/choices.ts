/** Autocomplete choices, computed from memory. */
import type { AnswerEngine } from '../engine/engine.ts';
import type { AutocompleteChoice } from './types.ts';
import { AUTOCOMPLETE_MAX_CHOICES, AUTOCOMPLETE_CHOICE_MAX_CHARS } from '../limits.ts';
import { truncate } from '../engine/engine.ts';

const MARKER = { exact: '✅', alias: '🔑', surname: '🔑', prefix: '🔎', contains: '🔎', fuzzy: '≈' } as const;

/** People and states whose names match what has been typed, best first, marked by match type. */
export function nameChoices(engine: AnswerEngine, typed: string): AutocompleteChoice[] {
  const limit = AUTOCOMPLETE_MAX_CHOICES;
  const matches = typed.trim()
    ? engine.resolver.suggest(typed, limit)
    : engine.resolver.all().slice(0, limit).map((entity) => ({ entity, type: 'exact' as const, score: 0 }));
  return matches.map(({ entity, type }) => ({
    name: truncate(`${typed.trim() ? MARKER[type] + ' ' : ''}${entity.name}`, AUTOCOMPLETE_CHOICE_MAX_CHARS),
    value: truncate(entity.name, AUTOCOMPLETE_CHOICE_MAX_CHARS),
  }));
}

/** Passage and source ids for /source. */
export function idChoices(engine: AnswerEngine, typed: string): AutocompleteChoice[] {
  return engine.closestIds(typed, AUTOCOMPLETE_MAX_CHOICES).map((id) => ({
    name: truncate(id, AUTOCOMPLETE_CHOICE_MAX_CHARS),
    value: truncate(id, AUTOCOMPLETE_CHOICE_MAX_CHARS),
  }));
}
