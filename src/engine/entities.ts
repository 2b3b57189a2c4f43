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
  /** Other words of the question that name the same entity ("Mohammed VI … king of Morocco"). */
  otherSpans?: string[];
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
  /**
   * Names by their first word, and every word that begins a name: a typo of a name is looked for
   * only among names whose first word is within reach of the span's first word, instead of
   * comparing every span of a question with every name.
   */
  private readonly namesByFirstWord = new Map<string, [string, NameKey][]>();
  /** Every first word with up to two letters deleted → those first words (a symmetric-delete index). */
  private firstWordsByDeletionIndex: Map<string, string[]> | undefined;
  /** First words in order, for finding those a typed word begins. */
  private readonly sortedFirstWords: string[];
  /** Every name's first word, first two words, and so on, but not the whole name. */
  private readonly namePrefixes = new Set<string>();

  /**
   * @param isKnownWord whether a folded word is an ordinary word of the corpus. Such a word is not a
   * typo, so a name starting with a typo of it is not looked for: "share" is not "Shara", and most
   * words of a question need no typo search at all.
   */
  constructor(
    corpus: Corpus,
    private readonly isKnownWord: (word: string) => boolean = () => false,
  ) {
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
    for (const [name, key] of this.names) {
      if (name.length < 5) continue;
      const first = name.split(' ', 1)[0]!;
      const list = this.namesByFirstWord.get(first) ?? [];
      list.push([name, key]);
      this.namesByFirstWord.set(first, list);
    }
    this.sortedFirstWords = [...this.namesByFirstWord.keys()].sort();
    for (const name of this.names.keys()) {
      const nameWords = name.split(' ');
      for (let n = 1; n < nameWords.length; n++) this.namePrefixes.add(nameWords.slice(0, n).join(' '));
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
      if (!allowFuzzy) {
        // Without typos, spans grow one word at a time while they still begin some name.
        let span = '';
        for (let length = 1; length <= MAX_NAME_WORDS && start + length <= tokens.length; length++) {
          span = length === 1 ? tokens[start]! : `${span} ${tokens[start + length - 1]}`;
          const exact = this.names.get(span) ?? this.names.get(possessiveless(span));
          if (exact) candidates.push({ entity: exact.entity, type: exact.type, span, start, length });
          if (!this.namePrefixes.has(span)) break;
        }
        continue;
      }
      const near = this.isKnownWord(tokens[start]!) ? (this.namesByFirstWord.get(tokens[start]!) ?? []) : this.namesNear(tokens[start]!);
      for (let length = Math.min(MAX_NAME_WORDS, tokens.length - start); length >= 1; length--) {
        const span = tokens.slice(start, start + length).join(' ');
        const exact = this.names.get(span) ?? this.names.get(possessiveless(span));
        if (exact) {
          candidates.push({ entity: exact.entity, type: exact.type, span, start, length });
          continue;
        }
        const fuzzy = near.length ? this.fuzzy(span, near) : undefined;
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
      const same = chosen.find((c) => c.entity.id === match.entity.id);
      if (!same) chosen.push({ ...match });
      else (same.otherSpans ??= []).push(match.span);
    }
    return chosen.sort((a, b) => MATCH_RANK[a.type] - MATCH_RANK[b.type] || a.start - b.start);
  }

  /** Resolves a name typed on its own (for /whois): exact, alias, surname, then the closest typo. */
  resolve(name: string): EntityMatch | undefined {
    const key = words(name).join(' ');
    if (!key) return undefined;
    const direct = this.names.get(key) ?? this.names.get(possessiveless(key));
    if (direct) return { entity: direct.entity, type: direct.type, span: key, start: 0, length: key.split(' ').length };
    const fuzzy = this.fuzzy(key, this.namesNear(key.split(' ', 1)[0]!));
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
        if (!name.includes(' ')) continue;
        for (const part of name.split(' ')) {
          if (part.length >= 4 && Math.abs(part.length - query.length) <= 2) {
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

  /**
   * Names whose first word is within two edits of `word`, or runs into it ("bengvir" for "ben
   * gvir"): the only names a span starting with `word` can be a typo of.
   */
  /** Built on the first typo check rather than at start: start-up is on the clock (bench/results.md). */
  private get firstWordsByDeletion(): Map<string, string[]> {
    if (!this.firstWordsByDeletionIndex) {
      this.firstWordsByDeletionIndex = new Map();
      for (const first of this.namesByFirstWord.keys()) {
        for (const variant of deletions(first, 2)) {
          const list = this.firstWordsByDeletionIndex.get(variant) ?? [];
          if (!list.includes(first)) list.push(first);
          this.firstWordsByDeletionIndex.set(variant, list);
        }
      }
    }
    return this.firstWordsByDeletionIndex;
  }

  private namesNear(word: string): [string, NameKey][] {
    const firsts = new Set<string>();
    // Two words within two edits share a form with up to two letters deleted from each.
    for (const variant of deletions(word, 2)) {
      for (const first of this.firstWordsByDeletion.get(variant) ?? []) if (editDistance(word, first, 2) <= 2) firsts.add(first);
    }
    if (word.length >= 3) {
      // First words the typed word begins ("ben" in "bengvir"), and those that begin with it.
      for (let end = 3; end <= word.length; end++) if (this.namesByFirstWord.has(word.slice(0, end))) firsts.add(word.slice(0, end));
      let at = lowerBound(this.sortedFirstWords, word);
      while (at < this.sortedFirstWords.length && this.sortedFirstWords[at]!.startsWith(word)) firsts.add(this.sortedFirstWords[at++]!);
    }
    return [...firsts].flatMap((first) => this.namesByFirstWord.get(first)!);
  }

  /** A typo of a name: one edit for names of 5+ letters, two for 9+; only one clear winner counts. */
  private fuzzy(span: string, candidates: [string, NameKey][]): Entity | undefined {
    if (span.length < 5 || STOP_WORDS.has(span)) return undefined;
    const allowed = span.length >= 9 ? 2 : 1;
    let best: { entity: Entity; distance: number } | undefined;
    let tie = false;
    for (const [name, key] of candidates) {
      if (Math.abs(name.length - span.length) > allowed) continue;
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

/** The word and every form of it with up to `max` letters deleted. */
function deletions(word: string, max: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let round = 0; round < max; round++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The first position in a sorted array whose item is not less than `key`. */
function lowerBound(sorted: string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** "tokayevs" → "tokayev", for "Tokayev's" folded without its apostrophe. */
function possessiveless(span: string): string {
  return span.endsWith('s') ? span.slice(0, -1) : span;
}
