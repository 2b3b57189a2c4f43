/**
 * Reading chat register before the question is analysed: emoji, chat abbreviations and filler
 * ("yo", "pls", "rn", "u", "lol"), fragments such as "bahrain when??" or "saudi in yet or nah",
 * and messages that are not questions at all ("thanks!", "ok"). The lexicon is general chat
 * language, the same for every topic; nothing here names a state, a person or an answer.
 */
import { fold } from '../text/normalize.ts';

/** Chat abbreviations and their plain-English words ("" drops a word that only sets a tone). */
const CHAT_WORDS: Record<string, string> = {
  // pronouns and verbs written short
  u: 'you', ur: 'your', r: 'are', ya: 'you', yall: 'you', y: 'why', n: 'and', b4: 'before', bc: 'because', cuz: 'because',
  coz: 'because', cos: 'because', bcuz: 'because', bcoz: 'because', w: 'with', wit: 'with', abt: 'about', bout: 'about',
  rn: 'now', atm: 'now', thru: 'through', wat: 'what', wut: 'what', wht: 'what', wen: 'when', whn: 'when',
  wher: 'where', hw: 'how', whos: 'who is', whats: 'what is', wheres: 'where is', hows: 'how is', whens: 'when is',
  // standard written abbreviations of institutions and offices
  mtg: 'meeting', mtgs: 'meetings', cmte: 'committee', cttee: 'committee', dept: 'department', intl: 'international',
  natl: 'national', admin: 'administration', org: 'organization', mgmt: 'management', amb: 'ambassador', ambo: 'ambassador',
  rep: 'representative', reps: 'representatives', sen: 'senator', mil: 'military', econ: 'economic', tech: 'technology',
  agmt: 'agreement', agrmt: 'agreement', assoc: 'association', approx: 'about', govts: 'governments',
  ppl: 'people', govt: 'government', gov: 'government', pres: 'president', prez: 'president', dem: 'them', da: 'the',
  tha: 'the', dat: 'that', dis: 'this', dey: 'they', wanna: 'want to', gonna: 'going to', gotta: 'have to', kinda: '',
  sorta: '', aint: 'is not', yr: 'year', yrs: 'years', ctry: 'country', cntry: 'country', info: 'information',
  tl: '', dr: '', tldr: '', eli5: '', ez: '', pls: '', plz: '', plss: '', pleas: '', thx: 'thanks', ty: 'thanks',
  // tone, laughter and address: no content
  yo: '', hey: '', hi: '', hello: '', sup: '', ok: '', okay: '', k: '', lol: '', lmao: '', lmfao: '', rofl: '', haha: '',
  hahaha: '', hehe: '', xd: '', ngl: '', tbh: '', tbf: '', imo: '', imho: '', idk: '', idc: '', iirc: '', afaik: '', fr: '',
  frfr: '', istg: '', smh: '', bruh: '', bro: '', bros: '', dude: '', guys: '', fam: '', mate: '', sis: '',
  pal: '', omg: '', omfg: '', wtf: '', tf: '', af: '', lowkey: '', highkey: '', literally: '', basically: '', like: '',
  actually: '', rly: '', really: '', srsly: '', seriously: '', um: '', uh: '', uhh: '', umm: '', hmm: '', hm: '', ah: '',
  oh: '', welp: '', yeah: '', yea: '', ye: '', yep: '', nope: '', quick: '', qq: '', btw: '', anyway: '',
  anyways: '', ig: '', iykyk: '', ofc: '', obv: '', obvs: '',
  // months written short ("Jan-Nov 2025", "oct 7"); "may" is a word of its own
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', jun: 'June', jul: 'July', aug: 'August', sep: 'September',
  sept: 'September', oct: 'October', nov: 'November', dec: 'December',
  // vague words and hearsay frames around the real question ("heard smth abt that", "saw that somewhere")
  smth: '', sth: '', something: '', anything: '', everything: '', stuff: '', thing: '', things: '', heard: '', hear: '', saw: '', somewhere: '',
  legit: 'true', confused: '', wondering: '', wonder: '', curious: '', anyone: '', someone: '', know: '',
  // hedges that sharpen a question without changing what it asks
  exactly: '', precisely: '', even: '', honestly: '', apparently: '', supposedly: '', tho: '', though: '',
};

/** Endings that turn a fragment into a yes/no question: "saudi in yet or nah", "oman joined y/n". */
const YES_NO_TAIL = /[\s,]+(?:or\s+(?:nah|na|naw|not|no|nope|what)|y\/n|yes\s+or\s+no|yay\s+or\s+nay|true|fr|right|correct|yeah|no)(?:\s+(?:rn|now|yet|tho|though|lol|lmao|fr|today|already))*\s*\?*$/i;
/** A question word left at the end of a fragment: "bahrain when", "kushner who", "sudan why". */
const TRAILING_WH = /^(.+?)\s+(when|who|why|where|what|how)\s*$/i;
/** Emoji, pictographs and their modifiers, and text emoticons. */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200D\uFE0F\u20E3]|(?<!\S)[:;=xX8][-']?[()DPpOo3/\\|*]+(?!\S)/gu;
/** Shouting and drawn-out letters: "whennnn", "soooo" (three or more of a letter). */
const DRAWN_OUT = /(\p{L})\1{2,}/gu;

/** Whether the words read as chat rather than a written question (none of them is content). */
const PLEASANTRY =
  /^(?:thanks?(?: you| u| a lot| so much| man| bro| bot)?|thank you(?: so much)?|thx|ty|tysm|cheers|cool|nice|great|awesome|perfect|ok(?:ay)?|k|kk|got it|gotcha|makes sense|i see|lol|lmao|haha|hahaha|wow|good bot|bad bot|hi|hello|hey|yo|sup|bye|goodbye|see (?:ya|you)|gn|good night|np|no problem|yes|no|yep|nope|yeah|nah|sure|alright|interesting|damn|wild|oh|ah|hmm|same|true|fair|fair enough|ok thanks|ok thank you|cool thanks|nice thanks|great thanks|thanks again)$/;

export type ChatReading = { kind: 'question'; text: string } | { kind: 'pleasantry'; reply: string } | { kind: 'empty' };

/** Reads a message in chat register: a question in plainer words, a pleasantry, or nothing. */
export function readChat(raw: string): ChatReading {
  const withoutEmoji = raw.replace(EMOJI, ' ').replace(DRAWN_OUT, '$1$1').replace(/\s+/g, ' ').trim();
  const bare = fold(withoutEmoji).replace(/[^\p{L}\p{N}\s']/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!bare) return raw.trim() ? { kind: 'pleasantry', reply: '🙂' } : { kind: 'empty' };
  if (PLEASANTRY.test(bare)) return { kind: 'pleasantry', reply: pleasantryReply(bare) };

  let text = withoutEmoji;
  let yesNo = false;
  if (YES_NO_TAIL.test(text)) {
    text = text.replace(YES_NO_TAIL, '');
    yesNo = true;
  }
  // "w/" and "w/o" before the word split removes the slash.
  text = text.replace(/\bw\/o\b/gi, 'without').replace(/\bw\//gi, 'with ');
  // Only English chat words: "y" and "e" are words of Spanish, so Romance text is left alone.
  const romance = looksRomance(raw);
  const plain = text
    .split(/(\s+|(?<=\p{L})-(?=\p{L}))/u)
    .map((token) => {
      const m = /^([^\p{L}\p{N}]*)([\p{L}\p{N}']+)([^\p{L}\p{N}]*)$/u.exec(token);
      if (!m) return token;
      const key = m[2]!.toLowerCase().replace(/'/g, '');
      return key in CHAT_WORDS && !romance ? `${m[1]}${CHAT_WORDS[key]}${m[3]}` : token;
    })
    .join('')
    .replace(/\s+([?!.,])/g, '$1')
    .replace(/^[\s,.!:;-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "how long has X been Y" asks since when.
  let question = plain.replace(/[?!.]+$/, '').trim().replace(/^how long (has|have|had|did|was|were|is)\b/i, 'since when $1');
  if (!question) return { kind: 'pleasantry', reply: pleasantryReply(bare) };
  const trailing = TRAILING_WH.exec(question);
  if (trailing && !/^(who|what|when|where|why|how|which|is|are|was|were|did|does|do|has|have|can|could|will|would)\b/i.test(trailing[1]!)) {
    question = `${trailing[2]} ${trailing[1]}`;
  }
  if (yesNo && !/^(is|are|was|were|has|have|had|did|does|do|can|could|will|would|should)\b/i.test(question)) question = `is ${question}`;
  return { kind: 'question', text: question + (/[?]$/.test(plain) || yesNo || trailing ? '?' : '') };
}

function looksRomance(text: string): boolean {
  return /[¿¡ñáéíóúàèçâêîôûœ]/i.test(text) || /(?:^|\s)(qué|que|quién|cuándo|dónde|por qué|quand|pourquoi|qui|est-ce|où|wann|warum|wer|wo|wie)(?=\s|$|\?)/i.test(text);
}

function pleasantryReply(bare: string): string {
  if (/^(thanks?|thank you|thx|ty|tysm|cheers|ok thanks|cool thanks|nice thanks|great thanks|thanks again)/.test(bare)) return "You're welcome! Ask me anything else about the Abraham Accords.";
  if (/^(hi|hello|hey|yo|sup)$/.test(bare)) return 'Hi! Ask me about the Abraham Accords, for example "when did Morocco join?" or /accords members.';
  if (/^(bye|goodbye|see (ya|you)|gn|good night)$/.test(bare)) return 'Bye! 👋';
  if (/^(good bot)$/.test(bare)) return 'Thank you! 🙂';
  if (/^(bad bot)$/.test(bare)) return 'Sorry about that. Rephrasing the question, or /source on a cited passage, may help.';
  return '👍';
}
