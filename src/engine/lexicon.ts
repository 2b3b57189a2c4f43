/**
 * Words people use for the same thing in questions about diplomacy, so that a question need not
 * use the corpus's exact wording to be understood. (Other languages: src/text/translate.ts.)
 * Groups are general paraphrases of the domain, not answers to particular questions.
 */
import { stem, terms } from '../text/normalize.ts';

const SYNONYM_GROUPS: string[][] = [
  ['join', 'accession', 'accede', 'entry', 'enter', 'membership', 'become member', 'sign up'],
  ['sign', 'signature', 'signing', 'signatory', 'ink'],
  ['want', 'intent', 'intention', 'aim', 'seek', 'hope', 'goal', 'ambition', 'vision'],
  ['turn', 'transform', 'convert', 'become', 'change'],
  ['affect', 'impact', 'effect', 'influence', 'consequence'],
  ['decide', 'determine', 'depend', 'decisive', 'hinge'],
  ['condition', 'precondition', 'prerequisite', 'demand', 'contingent', 'require', 'requirement', 'insist', 'only if', 'once', 'provided', 'unless', 'until'],
  ['ties', 'relations', 'relationship', 'normalization', 'diplomatic'],
  ['react', 'reaction', 'respond', 'response', 'condemn', 'reject', 'oppose', 'denounce', 'criticize'],
  ['role', 'position', 'title', 'job', 'post'],
  ['visit', 'trip', 'travel', 'tour'],
  ['agreement', 'agree', 'deal', 'pact', 'treaty', 'accord', 'declaration', 'memorandum', 'arrangement'],
  ['tariff', 'customs', 'duty'],
  ['trade', 'commerce', 'economic', 'free trade'],
  ['standing', 'legitimacy', 'reputation', 'status', 'image', 'prestige'],
  ['benefit', 'gain', 'advantage', 'return', 'reward', 'incentive'],
  ['attend', 'attendance', 'present', 'participate', 'delegation', 'take part'],
  ['announce', 'announcement', 'declare', 'unveil', 'reveal', 'say', 'post'],
  ['repeal', 'abolish', 'scrap', 'cancel', 'revoke'],
  ['law', 'legislation', 'act', 'statute'],
  ['boycott', 'ban', 'embargo'],
  ['held', 'host', 'venue', 'location', 'take place', 'place', 'where'],
  ['summit', 'conference', 'forum', 'meeting', 'gathering'],
  ['envoy', 'representative', 'emissary', 'negotiator', 'mediator', 'special envoy'],
  ['mediate', 'broker', 'facilitate', 'negotiate'],
  ['president', 'head of state', 'leader'],
  ['prime minister', 'premier', 'pm'],
  ['foreign minister', 'fm', 'foreign affairs'],
  ['national security adviser', 'national security advisor', 'nsa'],
  // Opposites are related for retrieval: "did X cut ties" is answered by "X kept its ties".
  ['cut', 'sever', 'break', 'suspend', 'freeze', 'recall', 'downgrade', 'keep', 'maintain', 'preserve', 'retain'],
  ['war', 'conflict', 'fighting', 'crisis'],
  ['symbolic', 'largely symbolic', 'gesture'],
  ['embassy', 'mission', 'liaison office', 'consulate'],
  ['flight', 'airline', 'airliner', 'plane', 'aircraft'],
  ['travel', 'visa', 'visa free'],
  ['first', 'inaugural', 'historic'],
  ['why', 'reason', 'because'],
  ['criticism', 'critic', 'objection', 'opposition', 'concern'],
  ['weapon', 'arm', 'jet', 'f 35', 'fighter'],
  ['share', 'percent', 'percentage', 'proportion'],
  ['recognize', 'recognition', 'acknowledge'],
  ['sovereignty', 'sovereign', 'territorial'],
  ['palestinian', 'palestine', 'two state', 'statehood'],
  ['country', 'nation', 'state'],
  ['sector', 'field', 'area', 'industry', 'domain'],
  ['deepen', 'strengthen', 'bolster', 'expand', 'boost', 'enhance', 'reinforce', 'broaden'],
  ['chinese', 'china', 'beijing'],
  ['russian', 'russia', 'moscow', 'kremlin'],
  ['american', 'washington', 'united states'],
  ['astana', 'kazakhstan'],
  ['name', 'alias', 'known as', 'nickname', 'nom de guerre', 'call', 'called'],
  ['first', '1st'],
  ['second', '2nd'],
  ['third', '3rd'],
  ['fourth', '4th'],
  ['fifth', '5th'],
  ['sixth', '6th'],
  ['happen', 'take place', 'occur', 'held'],
];

/** term (stemmed) → the stemmed terms of every phrase in its groups. */
const SYNONYMS = new Map<string, Set<string>>();
for (const group of SYNONYM_GROUPS) {
  const stems = new Set(group.flatMap((phrase) => terms(phrase)));
  for (const phrase of group) {
    const phraseTerms = terms(phrase);
    if (phraseTerms.length !== 1) continue;
    const key = phraseTerms[0]!;
    const set = SYNONYMS.get(key) ?? new Set<string>();
    for (const s of stems) set.add(s);
    SYNONYMS.set(key, set);
  }
}

/** A term and its synonyms, all stemmed. */
export function synonymsOf(term: string): string[] {
  const set = SYNONYMS.get(term);
  return set ? [...set] : [term];
}

/** Words for the states whose people appear in the corpus but which are not members or candidates. */
const NATIONALITIES: [RegExp, string][] = [
  [/\b(us|usa|united states|america|american|americans|washington)\b/, 'United States'],
  [/\b(israel|israeli|israelis|jerusalem)\b/, 'Israel'],
  [/\b(palestine|palestinian|palestinians)\b/, 'Palestine'],
];

/** States named by nationality words in a folded question ("US envoy" → United States). */
export function nationalitiesIn(folded: string): string[] {
  return NATIONALITIES.filter(([pattern]) => pattern.test(folded)).map(([, country]) => country);
}

/** The nationality phrases themselves ("united states", "israeli"), which name a state rather than content. */
export function nationalityWordsIn(folded: string): string[] {
  return NATIONALITIES.flatMap(([pattern]) => [...folded.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m[0]));
}

export { stem };
