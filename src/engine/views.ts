/**
 * The command answers that browse the corpus rather than answer a question: the member list, the
 * timeline, the caveats, what the bot knows, a profile, a passage or source with all its sources.
 */
import type { Corpus, Entity, Passage } from '../corpus/model.ts';
import { SEED_SOURCE_ID } from '../corpus/model.ts';
import { fieldValue } from '../corpus/load.ts';
import { editDistance } from '../text/normalize.ts';
import { CitationBuilder, formatDate, type Answer } from './answer.ts';
import type { EntityResolver } from './entities.ts';
import { OVERVIEW_PASSAGE_ID, STATUS_LABEL, citeSentences, dateRange, describeField, entryField, latest, truncate, unique } from './passages.ts';

export class BrowseViews {
  constructor(
    private readonly corpus: Corpus,
    private readonly resolver: EntityResolver,
  ) {}

  /** `/accords members`: every member state with its status and dates, then the common non-members. */
  members(): Answer {
    const citations = new CitationBuilder(this.corpus, 1);
    const profiles = this.corpus.passages.filter((p) => p.kind === 'member');
    profiles.sort((a, b) => String(entryField(a, 'announced')).localeCompare(String(entryField(b, 'announced'))));
    const lines = profiles.map((p, i) => {
      const announced = entryField(p, 'announced');
      const signed = (entryField(p, 'signed') as { date: string }[] | undefined)?.[0]?.date;
      const status = STATUS_LABEL[String(entryField(p, 'status'))] ?? '';
      const dates = [announced ? `announced ${formatDate(String(announced))}` : '', signed ? `signed ${formatDate(signed)}` : '']
        .filter(Boolean)
        .join(', ');
      const line = `${p.title}: ${status}${dates ? `; ${dates}` : ''}`;
      const marker = unique([
        announced ? citations.citeField(p, 'announced', line, String(announced)) : '',
        signed ? citations.citeField(p, 'signed', line, signed) : '',
      ].filter(Boolean)).join('') || citations.cite(p, undefined, line);
      return `${i + 1}. ${line} ${marker}`;
    });
    const asOf = latest(profiles.map((p) => p.asOf));
    const others = this.corpus.passages.filter((p) => p.kind === 'candidate').map((p) => p.title);
    const text =
      `Abraham Accords members${asOf ? ` as of ${formatDate(asOf)}` : ''}:\n${lines.join('\n')}` +
      (others.length ? `\nNot members (often asked about): ${others.join(', ')}.` : '');
    return { kind: 'list', query: '/accords members', text, citations: citations.list(), asOf, figures: [{ kind: 'members-map' }] };
  }

  /** `/accords timeline`: dated events in order, optionally only those about one state or person. */
  timeline(about?: string): Answer {
    const entity = about ? this.resolver.resolve(about)?.entity : undefined;
    if (about && !entity) return this.unknownName(about, `/accords timeline about:${about}`);
    const citations = new CitationBuilder(this.corpus, 1);
    const events = this.corpus.passages
      .filter((p) => p.kind === 'event' && (!entity || p.about.includes(entity.id)))
      .sort((a, b) => a.date!.localeCompare(b.date!));
    const lines = events.map((p) => {
      const line = `${formatDate(p.date!)}: ${p.title}`;
      return `${line} ${citations.citeField(p, 'date', line, p.date!) || citations.cite(p, undefined, line)}`;
    });
    const heading = entity ? `Timeline for ${entity.name}` : 'Abraham Accords timeline';
    return {
      kind: 'timeline', query: `/accords timeline${entity ? ` about:${entity.name}` : ''}`,
      text: `${heading} (${events.length} events):\n${lines.join('\n')}`,
      citations: citations.list(),
      figures: [entity ? { kind: 'timeline', about: entity.id } : { kind: 'timeline' }],
    };
  }

  /** `/accords caveats`: every caveat topic with its first sentence. */
  caveats(): Answer {
    const citations = new CitationBuilder(this.corpus, 1);
    const caveats = this.corpus.passages.filter((p) => p.kind === 'caveat');
    const lines = caveats.map((p) => {
      const sentence = p.sentences[0]!.text;
      return `• ${p.title}: ${sentence} ${citations.cite(p, sentence)}`;
    });
    return { kind: 'list', query: '/accords caveats', text: `Caveats and disputes (${caveats.length}):\n${lines.join('\n')}`, citations: citations.list() };
  }

  /** `/accords about`: what the bot knows, from what, and how current it is. */
  about(): Answer {
    const c = this.corpus;
    const count = (kind: Passage['kind']) => c.passages.filter((p) => p.kind === kind).length;
    const eventDates = c.passages.filter((p) => p.kind === 'event' && p.date).map((p) => p.date!);
    const newest = eventDates.sort().at(-1);
    const checked = latest([...c.sources.values()].map((s) => s.checked));
    const seed = c.sources.get(SEED_SOURCE_ID);
    const citations = new CitationBuilder(c);
    const overview = this.corpus.passageById.get(OVERVIEW_PASSAGE_ID);
    const overviewLine = overview ? `${citeSentences(citations, overview)}\n` : '';
    const text =
      overviewLine +
      `accords-bot answers from ${c.sources.size} sources: ${count('member')} member states, ${count('candidate')} non-members and candidates, ` +
      `${count('actor')} people, ${count('event')} dated events, ${count('caveat')} caveats, and one news article` +
      (seed?.published ? ` (reported ${formatDate(seed.published)})` : '') +
      `. Every sentence of an answer is followed by the sources that support it, each quoted in its own words; when the sources do not answer, it says so.` +
      (newest ? ` The newest event on record is dated ${formatDate(newest)}.` : '') +
      (checked ? ` Sources last checked ${formatDate(checked)}.` : '');
    return { kind: 'about', query: '/accords about', text, citations: citations.list() };
  }

  /** `/whois name`: the profile of a person or state, resolved through aliases and typos. */
  whois(name: string): Answer {
    const match = this.resolver.resolve(name);
    if (!match) return this.unknownName(name, `/whois ${name}`);
    return { ...this.profile(match.entity), query: `/whois ${name}` };
  }

  profile(entity: Entity): Answer {
    const passage = this.corpus.passageById.get(entity.passageId)!;
    const citations = new CitationBuilder(this.corpus);
    const lines: string[] = [];
    if (entity.type === 'person') {
      const roles = (entryField(passage, 'roles') as { title: string; from?: string | null; to?: string | null }[] | undefined) ?? [];
      const roleText = roles.map((r) => `${r.title}${dateRange(r.from, r.to)}`).join('; ');
      const line = `${entity.name}${roleText ? `: ${roleText}` : ''}.`;
      const marker = citations.citeField(passage, 'roles', line);
      lines.push(marker ? `${line} ${marker}` : line);
    } else {
      const status = STATUS_LABEL[String(entryField(passage, 'status'))] ?? '';
      const line = `${entity.name}: ${status}${passage.asOf ? ` (as of ${formatDate(passage.asOf)})` : ''}.`;
      const marker = citations.citeField(passage, 'status', line);
      lines.push(marker ? `${line} ${marker}` : line);
    }
    lines.push(citeSentences(citations, passage));
    return { kind: 'profile', query: entity.name, text: lines.join('\n'), citations: citations.list(), asOf: passage.asOf };
  }

  /** `/source id`: a passage with all its sources, or a source with the passages that cite it. */
  source(id: string): Answer {
    const key = id.trim().toLowerCase();
    const passage = this.corpus.passageById.get(key);
    if (passage) {
      // Sentence by sentence, each with every source that supports it and any claim it corrects;
      // then the sources that back only a field.
      const citations = new CitationBuilder(this.corpus, Infinity);
      const when = passage.date ? ` (${formatDate(passage.date)})` : passage.asOf ? ` (as of ${formatDate(passage.asOf)})` : '';
      const lines = passage.sentences.map((s, i) => `${i + 1}. ${s.text} ${citations.cite(passage, s.text)}`);
      const fields = unique(passage.fieldSupport.map((f) => f.field)).map((field) => {
        const value = fieldValue(passage.entry, field);
        const shown = describeField(value);
        return `• ${field}: ${shown} ${citations.citeField(passage, field, `${field}: ${shown}`)}`;
      });
      const text = [`${passage.title}${when}:`, ...lines, ...(fields.length ? ['Fields backed by sources:', ...fields] : [])].join('\n');
      return { kind: 'source', query: `/source ${key}`, text, citations: citations.list() };
    }
    const source = this.corpus.sources.get(key);
    if (source) {
      const citing = this.corpus.passages.filter((p) => p.sources.includes(key));
      const citations = new CitationBuilder(this.corpus, Infinity);
      const lines = citing.slice(0, 10).map((p) => {
        const cited = p.sentences.find((s) => s.support.some((e) => e.source === key) || s.corrects.some((e) => e.source === key));
        if (cited) return `• ${p.id}: ${cited.text} ${citations.cite(p, cited.text)}`;
        const field = p.fieldSupport.find((f) => f.source === key)!.field;
        return `• ${p.id} (field ${field}) ${citations.citeField(p, field, `${p.id} ${field}`)}`;
      });
      const meta = [source.publisher ?? 'publisher not shown', source.published ? formatDate(source.published) : 'date not shown', source.url ?? 'no URL']
        .join(' · ');
      const more = citing.length > 10 ? `\n…and ${citing.length - 10} more passages.` : '';
      return {
        kind: 'source', query: `/source ${key}`,
        text: `${source.title} (${meta}; checked ${formatDate(source.checked)})${source.note ? `\n${source.note}` : ''}\nCited by ${citing.length} passage${citing.length === 1 ? '' : 's'}:\n${lines.join('\n')}${more}`,
        citations: citations.list().filter((c) => c.sourceId === key),
      };
    }
    const suggestions = this.closestIds(key);
    return {
      kind: 'no_answer', query: `/source ${id}`, citations: [], suggestions,
      text: `There is no passage or source with the id "${truncate(id, 80)}".` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    };
  }

  /** Passage and source ids for `/source` autocomplete and "did you mean". */
  closestIds(text: string, limit = 5): string[] {
    const key = text.trim().toLowerCase();
    const ids = [...this.corpus.passageById.keys(), ...this.corpus.sources.keys()];
    if (!key) return ids.slice(0, limit);
    const scored = ids.map((id) => ({
      id,
      score: id === key ? 0 : id.startsWith(key) ? 1 : id.includes(key) ? 2 : 3 + editDistance(key, id.slice(0, key.length + 2), 10),
    }));
    return scored.filter((s) => s.score < 6).sort((a, b) => a.score - b.score || a.id.localeCompare(b.id)).slice(0, limit).map((s) => s.id);
  }

  unknownName(name: string, query: string): Answer {
    const suggestions = this.resolver.suggest(name, 5).map((s) => s.entity.name);
    return {
      kind: 'no_answer', query, citations: [], suggestions,
      text: `I don't have anyone or any state called "${truncate(name, 80)}" in my sources.` + (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    };
  }
}
