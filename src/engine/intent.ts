/**
 * What a question asks for, decided from its wording before any search: the form of the answer
 * follows from it (a date first, "Yes"/"No" first, a list, a profile).
 */
import { fold } from '../text/normalize.ts';

export type Intent =
  | 'members' // the list of member states
  | 'whois' // who a person (or what a state) is
  | 'when' // a date
  | 'yesno' // a yes/no question
  | 'why' // reasons, caveats
  | 'fact'; // anything else: the best sentences

export interface QuestionShape {
  intent: Intent;
  /** The question is about the seed article ("according to the article …"). */
  aboutArticle: boolean;
  /** Words that only frame the question ("when", "who is") and should not be searched. */
  frameWords: Set<string>;
}

const ARTICLE = /\barticle\b|\bnews (piece|report|story|item)\b|\b(the|this|that) piece\b|\baccording to the (report|story|news)\b/;
const WHEN = /\b(when|what date|which date|what year|which year|what day|since when|how long ago)\b/;
const WHO_IS = /^(who|what) (is|was|are|were)\b|^who'?s\b|^tell me about\b|^(describe|profile)\b/;
const YES_NO = /^(is|are|was|were|has|have|had|did|does|do|can|could|will|would|should)\b/;
const WHY = /\b(why|caveats?|criticism|criticisms|concerns?|controvers\w*|objections?|risks?|problems?)\b/;
const MEMBERS_LIST =
  /\b(which|what|list|name|who)\b.*\b(countries|states|nations|members|signatories)\b|\bmembers?\b.*\b(list|are)\b|^members\??$/;

export const FRAME_WORDS = new Set([
  'when', 'date', 'year', 'day', 'since', 'who', 'what', 'which', 'why', 'how', 'where', 'tell', 'describe',
  'article', 'piece', 'report', 'story', 'news', 'according', 'seed', 'abraham', 'accords', 'accord',
]);

export function shapeOf(question: string): QuestionShape {
  const q = fold(question).replace(/\s+/g, ' ').trim();
  const aboutArticle = ARTICLE.test(q);
  let intent: Intent = 'fact';
  if (WHEN.test(q)) intent = 'when';
  else if (YES_NO.test(q)) intent = 'yesno';
  else if (WHY.test(q)) intent = 'why';
  else if (WHO_IS.test(q)) intent = 'whois';
  return { intent, aboutArticle, frameWords: FRAME_WORDS };
}

/** A question for the plain list of members: it names no other content than membership itself. */
export function asksForMemberList(question: string, contentTerms: string[]): boolean {
  const q = fold(question);
  if (!MEMBERS_LIST.test(q) && !/\b(joined|signed|belong|part of|in the)\b/.test(q)) return false;
  const membershipWords = new Set([
    'countri', 'country', 'state', 'nation', 'member', 'signatory', 'signatorie', 'list', 'name', 'joined', 'join',
    'signed', 'sign', 'belong', 'part', 'current', 'currently', 'now', 'far', 'all', 'full', 'normalized', 'normalised',
    'arab', 'muslim', 'majority', 'israel',
  ]);
  return contentTerms.length > 0 && contentTerms.every((t) => membershipWords.has(t)) && /\b(member|countr|state|nation|signator|joined)/.test(q);
}
