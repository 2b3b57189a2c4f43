/**
 * Finds the states and people a question names: exact names and aliases first, then derived
 * surnames, then typos. Exact and alias matches always win over fuzzy ones (the index alone
 * would let a fuzzy hit outrank an exact one).
 */
import type { Corpus, Entity } from '../corpus/model.ts';
import { STOP_WORDS, editDistance, words } from '../text/normalize.ts';

export type MatchType = 'exact' | 'alias' | 'surname' | 'fuzzy';

export interface EntityMatch {
  entity: Entity;
  type: MatchType;
  /** The folded words of the question that matched. */
  span: string;
  start: number;
  length: number;
}

const MATCH_RANK: Record<MatchType, number> = { exact: 0, alias: 1, surname: 2, fuzzy: 3 };
const MAX_NAME_WORDS = 6;

interface NameKey {
  entity: Entity;
  type: MatchType;
}

export class EntityResolver {
  /** Folded name → entity, for exact, alias and derived-surname matches. */
  private readonly names = new Map<string, NameKey>();
  private readonly entities: Entity[];

  constructor(corpus: Corpus) {
    this.entities = [...corpus.entities.values()];
    for (const entity of this.entities) {
      this.add(entity.name, entity, 'exact');
      for (const alias of entity.aliases) this.add(alias, entity, 'alias');
    }
    // A person's last name alone ("Witkoff") finds them when no other entity shares it.
    const surnameOwners = new Map<string, Entity[]>();
    for (const entity of this.entities) {
      if (entity.type !== 'person') continue;
      for (const name of [entity.name, ...entity.aliases]) {
        const last = words(name).at(-1);
        if (!last || last.length < 4 || STOP_WORDS.has(last)) continue;
        const owners = surnameOwners.get(last) ?? [];
        if (!owners.includes(entity)) owners.push(entity);
        surnameOwners.set(last, owners);
      }
    }
    for (const [last, owners] of surnameOwners) {
      if (owners.length === 1 && !this.names.has(last)) this.names.set(last, { entity: owners[0]!, type: 'surname' });
    }
  }

  private add(name: string, entity: Entity, type: MatchType): void {
    const key = words(name).join(' ');
    if (!key) return;
    const existing = this.names.get(key);
    if (!existing || MATCH_RANK[type] < MATCH_RANK[existing.type]) this.names.set(key, { entity, type });
  }

  /** Every entity named in `text`, longest and most exact matches first, without overlaps. */
  find(text: string, options: { fuzzy?: boolean } = {}): EntityMatch[] {
    const allowFuzzy = options.fuzzy ?? true;
    const tokens = words(text);
    const candidates: EntityMatch[] = [];
    for (let start = 0; start < tokens.length; start++) {
      for (let length = Math.min(MAX_NAME_WORDS, tokens.length - start); length >= 1; length--) {
        const span = tokens.slice(start, start + length).join(' ');
        const exact = this.names.get(span) ?? this.names.get(possessiveless(span));
        if (exact) {
          candidates.push({ entity: exact.entity, type: exact.type, span, start, length });
          continue;
        }
        const fuzzy = allowFuzzy ? this.fuzzy(span) : undefined;
        if (fuzzy) candidates.push({ entity: fuzzy, type: 'fuzzy', span, start, length });
      }
    }
    candidates.sort((a, b) => b.length - a.length || MATCH_RANK[a.type] - MATCH_RANK[b.type] || a.start - b.start);
    const taken = new Set<number>();
    const chosen: EntityMatch[] = [];
    for (const match of candidates) {
      const positions = Array.from({ length: match.length }, (_, i) => match.start + i);
      if (positions.some((p) => taken.has(p))) continue;
      positions.forEach((p) => taken.add(p));
      if (!chosen.some((c) => c.entity.id === match.entity.id)) chosen.push(match);
    }
    return chosen.sort((a, b) => MATCH_RANK[a.type] - MATCH_RANK[b.type] || a.start - b.start);
  }

  /** Resolves a name typed on its own (for /whois): exact, alias, surname, then the closest typo. */
  resolve(name: string): EntityMatch | undefined {
    const key = words(name).join(' ');
    if (!key) return undefined;
    const direct = this.names.get(key) ?? this.names.get(possessiveless(key));
    if (direct) return { entity: direct.entity, type: direct.type, span: key, start: 0, length: key.split(' ').length };
    const fuzzy = this.fuzzy(key);
    if (fuzzy) return { entity: fuzzy, type: 'fuzzy', span: key, start: 0, length: key.split(' ').length };
    return this.find(name)[0];
  }

  /** Entities whose names come closest to `text`, best first: for "did you mean" and autocomplete. */
  suggest(text: string, limit = 5): { entity: Entity; type: MatchType | 'prefix' | 'contains'; score: number }[] {
    const query = words(text).join(' ');
    if (!query) return [];
    const scored = new Map<string, { entity: Entity; type: MatchType | 'prefix' | 'contains'; score: number }>();
    const consider = (entity: Entity, type: MatchType | 'prefix' | 'contains', score: number) => {
      const previous = scored.get(entity.id);
      if (!previous || score > previous.score) scored.set(entity.id, { entity, type, score });
    };
    for (const [name, key] of this.names) {
      if (name === query) consider(key.entity, key.type, 100 - MATCH_RANK[key.type]);
      else if (name.startsWith(query) || name.split(' ').some((w) => w.startsWith(query))) consider(key.entity, 'prefix', 80 - name.length / 100);
      else if (name.includes(query)) consider(key.entity, 'contains', 60);
      else {
        const distance = editDistance(query, name, 3);
        if (distance <= 3) consider(key.entity, 'fuzzy', 50 - distance * 10);
        for (const part of name.split(' ')) {
          if (part.length >= 4) {
            const d = editDistance(query, part, 2);
            if (d <= 2) consider(key.entity, 'fuzzy', 45 - d * 10);
          }
        }
      }
    }
    return [...scored.values()].sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name)).slice(0, limit);
  }

  all(): Entity[] {
    return this.entities;
  }

  /** A typo of a name: one edit for names of 5+ letters, two for 9+; only one clear winner counts. */
  private fuzzy(span: string): Entity | undefined {
    if (span.length < 5 || STOP_WORDS.has(span)) return undefined;
    const allowed = span.length >= 9 ? 2 : 1;
    let best: { entity: Entity; distance: number } | undefined;
    let tie = false;
    for (const [name, key] of this.names) {
      if (Math.abs(name.length - span.length) > allowed || name.length < 5) continue;
      const distance = editDistance(span, name, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance) {
        best = { entity: key.entity, distance };
        tie = false;
      } else if (distance === best.distance && best.entity.id !== key.entity.id) tie = true;
    }
    return best && !tie ? best.entity : undefined;
  }
}

/** "tokayevs" → "tokayev", for "Tokayev's" folded without its apostrophe. */
function possessiveless(span: string): string {
  return span.endsWith('s') ? span.slice(0, -1) : span;
}
