/**
 * Answers from the structured fields of state profiles, not from sentences: counts ("how many
 * joined before Kazakhstan?" → "Four: …"), comparisons ("did Bahrain join before Morocco?" →
 * "Yes. …, both dates"), the newest or first member, documents and their names, signatories, and
 * where each state signed. Every statement is cited by the sources of the field it comes from.
 */
import type { Corpus, Entity, Passage } from '../corpus/model.ts';
import type { EntityMatch } from './entities.ts';
import { CitationBuilder, formatDate, type Answer } from './answer.ts';
import { STOP_WORDS, fold } from '../text/normalize.ts';
import { latest, unique } from './passages.ts';

interface Signing {
  date: string;
  place: string;
  document: string;
}

interface Signatory {
  name: string;
  for: string;
  role?: string;
}

interface Member {
  entity: Entity;
  passage: Passage;
  announced?: string;
  signed: Signing[];
  status: string;
  region?: string;
}

/**
 * Region words of questions, each with the regions (profile field `region`) it takes in: "African"
 * members are those of North or East Africa, "Asian" those of any part of Asia.
 */
const REGION_WORDS: [RegExp, string[]][] = [
  [/\b(?:persian )?gulf\b/, ['Gulf']],
  [/\bnorth(?:ern)? afric(?:a|an)\b/, ['North Africa']],
  [/\beast(?:ern)? afric(?:a|an)\b/, ['East Africa']],
  [/\bafric(?:a|an)\b/, ['North Africa', 'East Africa']],
  [/\bcentral asi(?:a|an)\b/, ['Central Asia']],
  [/\basi(?:a|an)\b/, ['Central Asia', 'South Asia', 'Southeast Asia']],
  [/\beurop(?:e|ean)\b/, ['Europe']],
];

/** A region as written in a sentence: "the Gulf", "North Africa". */
function regionName(region: string): string {
  return region === 'Gulf' ? 'the Gulf' : region;
}

/** The regions a question's words name, and those words; undefined when it names none. */
function regionsIn(q: string): { regions: Set<string>; words: Set<string> } | undefined {
  for (const [pattern, regions] of REGION_WORDS) {
    const found = pattern.exec(q);
    if (found) return { regions: new Set(regions), words: new Set(found[0].split(' ')) };
  }
  return undefined;
}

/** Words a count question may use besides the qualifiers it filters by. */
const COUNT_VOCABULARY = new Set(
  ('how many number count total countries country states state nations nation members member signatories signatory joined join ' +
    'joining signed sign signing accords accord abraham agreement agreements deal deals pact part in it so far now currently today ' +
    'israel before after since prior earlier ahead following later than fully full normalized normalised normalization normalisation ' +
    'completed complete relations ties year not never yet still haven hasn havent hasnt t anything all ever altogether overall there ' +
    'during officially formally already became become are were').split(' '),
);

/** Words of questions about documents, places and signatories. */
const FIELD_VOCABULARY = new Set(
  ('who whom what which where when did does do was were is are the a an of for by at on in with and or both same kind type ' +
    'document documents treaty treaties agreement agreements declaration declarations communique called name named title titled ' +
    'official full formal exactly actually each every all member members signed sign signing signature signatory signatories ' +
    'put inked ink place held ceremony city location venue happen happened take took it its their them they thing things ' +
    'what s whats wheres whos behalf side represented representing'
  ).split(' '),
);

/** Words of a question asking for the members of a region, besides those of a count. */
const LIST_VOCABULARY = new Set('which what who list name them those'.split(' '));

const NUMBER_WORDS = ['None', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
const COUNT = /\bhow many\b|\bnumber of\b|\bcount\b/;
const STATES = /\b(countries|country|states|nations|members|signatories|joined|signed|in it|in the accords)\b/;
const BEFORE = /\b(before|prior to|earlier than|ahead of|preceding)\b/;
const AFTER = /\b(after|since|following|later than)\b/;
const FIRST = /\b(first|earliest|earlier|sooner|before)\b/;
const LAST = /\b(newest|latest|most recent|last|recently|recent|later|after)\b/;
const FULL = /\bfull(y)?\b|\bcomplete(d|ly)?\b/;
const NOT_SIGNED = /\b(not|never|haven t|hasn t|havent|hasnt|yet to|still)\b.*\bsign/;
const DOCUMENT = /\b(document|documents|treaty|treaties|agreement|agreements|declaration|called|name|title|titled|sign what|what did|what exactly)\b/;
const SIGNATORY = /\bwho\b.*\bsign|\bsignator(y|ies)\b|\bsigned (it )?for\b|\bwho (put|inked)\b/;
const WHERE = /\bwhere\b/;
const ALSO_ASKED = /\b(why|how (?:did|do|does|was|were|is|are|has|have)|what did .* get|in exchange|reason|condition|vote|knesset|parliament|ratif)\b/;
/** "each member", "all of them": the question is about every member. */
const EVERY_MEMBER = /\b(each|every|all( the| of the)?) (member|members|country|countries|state|states|signatory|signatories)\b/;

export class StructuredAnswers {
  private readonly members: Member[];

  constructor(private readonly corpus: Corpus) {
    this.members = corpus.passages
      .filter((p) => p.kind === 'member' && (p.entry as { type?: string }).type === 'profile')
      .map((passage) => {
        const entry = passage.entry as unknown as { announced?: string; signed?: Signing[]; status?: string; region?: string; id: string };
        const entity = [...corpus.entities.values()].find((e) => e.passageId === passage.id)!;
        return { entity, passage, announced: entry.announced, signed: entry.signed ?? [], status: entry.status ?? '', region: entry.region };
      })
      .filter((m) => m.entity)
      .sort((a, b) => String(a.announced).localeCompare(String(b.announced)));
  }

  /** An answer from fields, or undefined when the question is not one these fields answer. */
  answer(question: string, english: string, entityMatches: EntityMatch[]): Answer | undefined {
    const q = fold(english).replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ');
    if (ALSO_ASKED.test(q)) return undefined;
    const people = entityMatches.filter((m) => m.entity.type === 'person');
    const named = entityMatches.filter((m) => m.entity.type === 'state').map((m) => this.members.find((x) => x.entity.id === m.entity.id));
    if (people.length > 0) return undefined;
    let namedMembers = named.filter((m): m is Member => Boolean(m));
    if (named.length === 0 && EVERY_MEMBER.test(q)) namedMembers = this.members;
    const allMembers = namedMembers.length > 0 && namedMembers.length === Math.max(named.length, namedMembers.length);

    if (COUNT.test(q) && STATES.test(q) && named.length <= 1) return this.count(question, q, namedMembers[0]);
    // "Which African countries are members?": the members of that region, counted.
    if (named.length === 0 && regionsIn(q) && /\b(which|what|who|list|name)\b/.test(q) && STATES.test(q)) return this.count(question, q, undefined);
    if (named.length === 0 && /\b(member|members|country|state|nation|join|joined)\b/.test(q) && /\b(which|who|what)\b/.test(q)) {
      if (/\b(newest|latest|most recent|last)\b/.test(q)) return this.extreme(question, 'last');
      if (/\b(first|earliest)\b/.test(q) && !/\bfirst (arab|gulf|muslim)/.test(q)) return this.extreme(question, 'first');
    }
    if (allMembers && namedMembers.length === 2 && (FIRST.test(q) || LAST.test(q)) && /\b(join|joined|sign|signed|first|before|after|earlier|later|normaliz\w*|deal)\b/.test(q)) {
      return this.compare(question, q, namedMembers[0]!, namedMembers[1]!);
    }
    // Documents, places and signatories: only when the question asks nothing the fields do not hold.
    const names = new Set(namedMembers.flatMap((m) => [m.entity.name, ...m.entity.aliases]).flatMap((n) => fold(n).split(/\s+/)));
    const foreign = q.split(' ').filter((w) => w && !STOP_WORDS.has(w) && !FIELD_VOCABULARY.has(w) && !COUNT_VOCABULARY.has(w) && !names.has(w) && !/^\d+$/.test(w));
    if (foreign.length > 0) return undefined;
    if (allMembers && SIGNATORY.test(q)) return this.signatories(question, namedMembers);
    if (allMembers && WHERE.test(q) && /\bsign/.test(q)) return this.places(question, namedMembers);
    if (allMembers && DOCUMENT.test(q) && /\b(sign|signed|called|name|title|titled|document|treaty|agreement)\b/.test(q) && !/\bwhen\b/.test(q)) {
      return this.documents(question, namedMembers);
    }
    return undefined;
  }

  private count(question: string, q: string, pivot: Member | undefined): Answer | undefined {
    // A qualifier the fields cannot filter by ("how many Gulf states") is not answered by a count of all.
    const region = regionsIn(q);
    const unknown = q
      .split(' ')
      .filter((w) => w && !STOP_WORDS.has(w) && !COUNT_VOCABULARY.has(w) && !LIST_VOCABULARY.has(w) && !region?.words.has(w) && !/^\d+$/.test(w) && !(pivot && fold(pivot.entity.name).includes(w)));
    if (unknown.length > 0) return undefined;
    let chosen = this.members;
    let qualifier = '';
    if (region) {
      chosen = chosen.filter((m) => m.region && region.regions.has(m.region));
      const named = [...region.regions].filter((r) => this.members.some((m) => m.region === r));
      qualifier = ` in ${naturalList((named.length ? named : [...region.regions]).map(regionName))}`;
    }
    if (pivot?.announced && BEFORE.test(q)) {
      chosen = chosen.filter((m) => m.announced && m.announced < pivot.announced!);
      qualifier = ` before ${pivot.entity.name}`;
    } else if (pivot?.announced && AFTER.test(q)) {
      chosen = chosen.filter((m) => m.announced && m.announced > pivot.announced!);
      qualifier = ` after ${pivot.entity.name}`;
    } else if (pivot) return undefined;
    const year = /\b(?:in|during) ((?:19|20)\d\d)\b/.exec(q)?.[1];
    if (year) {
      chosen = chosen.filter((m) => m.announced?.startsWith(year) || m.signed.some((s) => s.date.startsWith(year)));
      qualifier += ` in ${year}`;
    }
    if (FULL.test(q)) {
      chosen = chosen.filter((m) => m.status === 'full_normalization');
      qualifier += ' with full normalization';
    }
    if (NOT_SIGNED.test(q)) {
      chosen = chosen.filter((m) => m.signed.length === 0);
      qualifier += ' without a signing';
    }
    const citations = new CitationBuilder(this.corpus, 1);
    // Each state's region is cited by the source that places it there.
    const regionOf = (m: Member, sayWhere = false) => {
      const name = sayWhere && m.region ? `${m.entity.name} (${regionName(m.region)})` : m.entity.name;
      const marker = region && m.region ? citations.citeField(m.passage, 'region', `${m.entity.name} (${regionName(m.region)})`, m.region) : '';
      return marker ? `${name} ${marker}` : name;
    };
    const names = chosen.map((m) => regionOf(m));
    const asOf = latest(this.members.map((m) => m.passage.asOf));
    let head: string;
    let lines: string[];
    if (chosen.length === 0) {
      // None: the members are listed, so that the reader sees what the count is of (where they are, if asked).
      head = `None: no member state${qualifier}. The members are ${naturalList(this.members.map((m) => regionOf(m, true)))}.`;
      lines = this.members.map((m) => this.memberLine(m, citations));
    } else {
      head = `${NUMBER_WORDS[chosen.length] ?? String(chosen.length)} state${chosen.length === 1 ? '' : 's'}${qualifier}: ${naturalList(names)}.`;
      lines = chosen.map((m) => this.memberLine(m, citations));
    }
    return {
      kind: 'answer', query: question, asOf,
      text: `${head}\n${lines.join('\n')}${asOf ? `\n(as of ${formatDate(asOf)})` : ''}`.trim(),
      citations: citations.list(),
    };
  }

  private extreme(question: string, which: 'first' | 'last'): Answer | undefined {
    const dated = this.members.filter((m) => m.announced);
    const m = which === 'first' ? dated[0] : dated.at(-1);
    if (!m) return undefined;
    const citations = new CitationBuilder(this.corpus, 1);
    const head = `${m.entity.name} is the ${which === 'first' ? 'first' : 'newest'} member: its entry was announced on ${formatDate(m.announced!)}.`;
    const marker = citations.citeField(m.passage, 'announced', head, m.announced);
    const rest = this.members.filter((x) => x !== m).map((x) => this.memberLine(x, citations));
    return {
      kind: 'answer', query: question, asOf: m.passage.asOf,
      text: `${head} ${marker}\nThe others, by announcement:\n${rest.join('\n')}`,
      citations: citations.list(),
    };
  }

  private compare(question: string, q: string, a: Member, b: Member): Answer | undefined {
    if (!a.announced || !b.announced || a.announced === b.announced) return undefined;
    const [earlier, later] = a.announced < b.announced ? [a, b] : [b, a];
    const citations = new CitationBuilder(this.corpus, 1);
    // "Did A join before B?": Yes or No first, then both dates.
    const yesNo = /^(did|was|were|is|has|had|does)\b/.test(q);
    const asksBefore = BEFORE.test(q) && !AFTER.test(q);
    const verdict = yesNo ? ((asksBefore ? a === earlier : a === later) ? 'Yes. ' : 'No. ') : '';
    const head = `${verdict}${earlier.entity.name} joined first.`;
    return {
      kind: 'answer', query: question, asOf: latest([a.passage.asOf, b.passage.asOf]),
      text: `${head}\n${this.memberLine(earlier, citations)}\n${this.memberLine(later, citations)}`,
      citations: citations.list(),
    };
  }

  private documents(question: string, members: Member[]): Answer | undefined {
    const citations = new CitationBuilder(this.corpus, 1);
    const lines: string[] = [];
    for (const m of members) {
      if (m.signed.length === 0) {
        lines.push(`${m.entity.name} has signed no Abraham Accords document in these sources.${this.statusMarker(m, citations)}`);
        continue;
      }
      const parts = m.signed.map((s, i) => {
        const statement = `${s.document} (${formatDate(s.date)}, ${s.place})`;
        const marker = citations.citeField(m.passage, `signed[${i}]`, `${m.entity.name} signed the ${statement}.`, s.date);
        return `the ${statement}${marker ? ` ${marker}` : ''}`;
      });
      lines.push(`${m.entity.name} signed ${naturalList(parts)}.`);
    }
    return { kind: 'answer', query: question, text: lines.join('\n'), citations: citations.list(), asOf: latest(members.map((m) => m.passage.asOf)) };
  }

  private places(question: string, members: Member[]): Answer | undefined {
    const citations = new CitationBuilder(this.corpus, 1);
    const lines = members.map((m) => {
      if (m.signed.length === 0) return `${m.entity.name}: no signing in these sources.${this.statusMarker(m, citations)}`;
      const places = unique(m.signed.map((s) => s.place));
      const statement = `${m.entity.name} signed in ${naturalList(places)} on ${naturalList(unique(m.signed.map((s) => formatDate(s.date))))}.`;
      const marker = citations.citeField(m.passage, 'signed', statement, m.signed[0]!.date);
      return `${statement}${marker ? ` ${marker}` : ''}`;
    });
    return { kind: 'answer', query: question, text: lines.join('\n'), citations: citations.list(), asOf: latest(members.map((m) => m.passage.asOf)) };
  }

  private signatories(question: string, members: Member[]): Answer | undefined {
    const citations = new CitationBuilder(this.corpus, 1);
    const lines: string[] = [];
    for (const m of members) {
      const list = ((m.passage.entry as { signatories?: Signatory[] }).signatories ?? []).map((s, i) => ({ s, i }));
      if (list.length === 0) return undefined;
      const parts = list.map(({ s, i }) => {
        const statement = `${s.name}${s.role ? `, ${s.role}` : ''}, for ${s.for}`;
        const marker = citations.citeField(m.passage, `signatories[${i}]`, statement, s.name);
        return `${statement}${marker ? ` ${marker}` : ''}`;
      });
      const when = m.signed.length ? ` on ${naturalList(unique(m.signed.map((s) => `${formatDate(s.date)} (${s.place})`)))}` : '';
      const statement = `${m.entity.name} signed${when}.`;
      const signedMarker = m.signed.length ? citations.citeField(m.passage, 'signed', statement, m.signed[0]!.date) : '';
      lines.push(`${statement}${signedMarker ? ` ${signedMarker}` : ''} Signatories: ${parts.join('; ')}.`);
    }
    return { kind: 'answer', query: question, text: lines.join('\n'), citations: citations.list(), asOf: latest(members.map((m) => m.passage.asOf)) };
  }

  /** "UAE: announced 13 August 2020, signed 15 September 2020 at …", cited. */
  private memberLine(m: Member, citations: CitationBuilder): string {
    const parts = [m.announced ? `announced ${formatDate(m.announced)}` : '', m.signed[0] ? `signed ${formatDate(m.signed[0].date)} (${m.signed[0].place})` : 'no signing confirmed'].filter(Boolean);
    const line = `${m.entity.name}: ${parts.join(', ')}`;
    const markers = unique([
      m.announced ? citations.citeField(m.passage, 'announced', line, m.announced) : '',
      m.signed[0] ? citations.citeField(m.passage, 'signed', line, m.signed[0].date) : '',
    ].filter(Boolean)).join('');
    return `- ${line}${markers ? ` ${markers}` : ` ${citations.cite(m.passage, undefined, line)}`}`;
  }

  /** Why a member has no signing: its profile's first sentence, cited. */
  private statusMarker(m: Member, citations: CitationBuilder): string {
    const first = m.passage.sentences[0];
    return first ? ` ${first.text} ${citations.cite(m.passage, first.text)}` : '';
  }
}

function naturalList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}


