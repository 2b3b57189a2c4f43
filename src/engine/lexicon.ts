/**
 * Words people use for the same thing in questions about diplomacy, and a few other languages'
 * function words, so that a question need not use the corpus's exact wording to be understood.
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

/** Cyrillic (Russian and Kazakh letters) to Latin, so "саммит в Негеве" can meet "summit in the Negev". */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

export function hasCyrillic(text: string): boolean {
  return /[\u0400-\u04FF]/.test(text);
}

export function transliterate(text: string): string {
  return text.replace(/[\u0400-\u04FF]/g, (c) => {
    const lower = c.toLowerCase();
    const latin = CYRILLIC[lower] ?? c;
    return c === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
}

/**
 * Question words and function words of Russian, French and Spanish, mapped to their English
 * question word (or to nothing), so intent and retrieval see what matters.
 */
const FOREIGN_WORDS: Record<string, string> = {
  // Russian
  где: 'where', когда: 'when', кто: 'who', что: 'what', почему: 'why', зачем: 'why', сколько: 'how many', как: 'how',
  какой: 'which', какая: 'which', какие: 'which', какое: 'which', каким: 'which', какую: 'which', ли: '',
  в: '', во: '', на: '', с: '', со: '', и: '', по: '', к: '', о: '', об: '', от: '', до: '', за: '', из: '', у: '', для: '',
  это: '', этот: '', эта: '', был: '', была: '', было: '', были: '', году: '', года: '', год: '', прошёл: 'held',
  прошел: 'held', прошла: 'held', прошло: 'held', состоялся: 'held', состоялась: 'held', является: 'is', являются: 'are',
  // French
  où: 'where', quand: 'when', qui: 'who', quel: 'which', quelle: 'which', quels: 'which', quelles: 'which', pourquoi: 'why',
  est: 'is', le: '', la: '', les: '', des: '', du: '', de: '', un: '', une: '', et: '', en: '', au: '', aux: '', il: '', elle: '',
  "qu'est": '', ce: '', que: '', accords: 'accords', membre: 'member', membres: 'members', signé: 'signed', rejoint: 'joined',
  // Spanish
  dónde: 'where', donde: 'where', cuándo: 'when', cuando: 'when', quién: 'who', quien: 'who', cuál: 'which', cual: 'which',
  por: '', qué: 'what', el: '', los: '', las: '', del: '', es: 'is', miembro: 'member', miembros: 'members', firmó: 'signed',
  se: '', unió: 'joined', acuerdos: 'accords', e: '', y: '', al: '', con: '', para: '', entre: '',
  avec: '', pour: '', "d'abraham": 'abraham',
};

/**
 * Word stems of Russian, Spanish and French that carry the content of questions about the
 * accords, with their English word: inflected forms ("присоединился", "anunciaron") share a stem.
 */
const FOREIGN_STEMS: [string, string][] = [
  // Russian
  ['присоедин', 'joined'], ['вступ', 'joined'], ['соглашени', 'accords'], ['авраам', 'abraham'], ['член', 'member'],
  ['подпис', 'signed'], ['объяв', 'announced'], ['призна', 'recognized'], ['отношени', 'relations'], ['дипломат', 'diplomatic'],
  ['саммит', 'summit'], ['посольств', 'embassy'], ['посол', 'ambassador'], ['визит', 'visit'], ['президент', 'president'],
  ['министр', 'minister'], ['израил', 'israel'], ['сша', 'us'], ['америк', 'american'], ['палестин', 'palestinian'],
  ['договор', 'treaty'], ['нормализ', 'normalization'], ['церемони', 'ceremony'], ['условие', 'condition'], ['условия', 'conditions'],
  // Spanish
  ['anunci', 'announced'], ['restablec', 'restored'], ['relacion', 'relations'], ['diplomátic', 'diplomatic'], ['acuerdo', 'accords'],
  ['cumbre', 'summit'], ['firm', 'signed'], ['adhi', 'joined'], ['adhe', 'joined'], ['miembro', 'member'], ['embajad', 'embassy'],
  ['reconoc', 'recognized'], ['normaliz', 'normalization'], ['ceremonia', 'ceremony'], ['condici', 'condition'],
  // French
  ['annon', 'announced'], ['rétabl', 'restored'], ['retabl', 'restored'], ['diplomati', 'diplomatic'], ['sommet', 'summit'],
  ['signé', 'signed'], ['signa', 'signed'], ['rejoi', 'joined'], ['adhér', 'joined'], ['membre', 'member'], ['ambassad', 'embassy'],
  ['reconn', 'recognized'], ['cérémonie', 'ceremony'],
];

function foreignStem(word: string): string | undefined {
  const lower = word.toLowerCase();
  return FOREIGN_STEMS.find(([prefix]) => lower.startsWith(prefix))?.[1];
}

const FOREIGN_MARKERS =
  /(?:^|[\s¿¡])(quand|où|qui|quel|quelle|quels|quelles|pourquoi|est-ce|quién|quien|cuándo|dónde|qué|cuál|cuáles)(?=$|[\s?!.,])|¿|\b\w+-(?:il|elle|ils|elles)\b|\baccords d'abraham\b|\bacuerdos de abraham\b/i;

/** A question in Russian, French or Spanish, judged by its script or its question words. */
export function looksForeign(text: string): boolean {
  return hasCyrillic(text) || FOREIGN_MARKERS.test(text);
}

/**
 * Rewrites foreign function and question words into English (or removes them), and Cyrillic into
 * Latin letters; other words stay. English text is returned unchanged.
 */
export function englishFrame(text: string): string {
  if (!looksForeign(text)) return text;
  const framed = text
    .split(/(\s+)/)
    .map((token) => {
      const bare = token.toLowerCase().replace(/[?!.,;:¿¡"«»]/g, '');
      if (!bare) return token.replace(/[¿¡]/g, '');
      const trailing = /[?!.]+$/.exec(token)?.[0] ?? '';
      if (bare in FOREIGN_WORDS) return FOREIGN_WORDS[bare]! + trailing;
      const english = foreignStem(bare);
      return english ? english + trailing : token.replace(/[¿¡]/g, '');
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  // "Le Maroc est-il membre …", "¿Arabia Saudita es miembro …?": the verb moves to the front,
  // as in an English yes/no question.
  const inverted = framed
    .replace(/^(.{1,40}?)\s+(?:is|est)-(?:il|elle|ils|elles)\b/i, 'is $1')
    .replace(/^(?!is\b)(.{1,40}?)\s+is\s+(.*\?)\s*$/i, 'is $1 $2');
  return transliterate(inverted);
}

export { stem };
