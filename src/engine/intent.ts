/**
 * What a question asks for, decided from its wording before any search: the form of the answer
 * follows from it (a date first, "Yes"/"No" first, a list, a profile).
 */
import { fold, terms } from '../text/normalize.ts';

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
/** A date question: "when" as the question word, not inside a clause ("Who was X when Y?"). */
const WHEN = /^(in |on |and |but |so )?(when|since when)\b|\b(what|which) (date|year|day|month)\b|\bsince when\b|\bhow long ago\b|^(\w+\W+){0,3}when (did|was|were|is|will|does|do|has|had)\b/;
/** Greetings and chat words before the question itself. */
const LEAD_IN = /^((yo|hey|hi|hello|so|ok|okay|lol|btw|bro|guys|quick question|question|um|uh|well|pls|please)[,!:.]?\s+)+/;
const WHO_IS = /^(who|what) (is|was|are|were)\b|^who'?s\b|^tell me about\b|^(describe|profile)\b/;
const YES_NO = /^(is|are|was|were|has|have|had|did|does|do|can|could|will|would|should)\b/;
const WHY = /\b(why|caveats?|criticism|criticisms|concerns?|controvers\w*|objections?|risks?|problems?)\b/;
const MEMBERS_LIST =
  /\b(which|what|list|name|who)\b.*\b(countries|states|nations|members|signatories)\b|\bmembers?\b.*\b(list|are)\b|^members\??$/;

/** Words that frame a question without being its content, as stemmed terms. */
export const FRAME_WORDS = new Set(
  [
    'when', 'date', 'year', 'day', 'since', 'who', 'what', 'which', 'why', 'how', 'where', 'tell', 'describe',
    'article', 'piece', 'report', 'story', 'news', 'according', 'seed', 'accords', 'accord', 'mention', 'mentions',
  ].flatMap((w) => terms(w)),
);

/** "The Abraham Accords" names the topic of every question; "Abraham" alone (the Abraham Fund) does not. */
export function withoutTopicName(question: string): string {
  return question.replace(/\babraham(?:'s|’s)?\s+accords?\b|\baccords?\s+(?:of\s+)?abraham\b/gi, ' ');
}

export function shapeOf(question: string): QuestionShape {
  const q = fold(question).replace(/\s+/g, ' ').trim().replace(LEAD_IN, '');
  const aboutArticle = ARTICLE.test(q);
  let intent: Intent = 'fact';
  if (WHEN.test(q)) intent = 'when';
  else if (YES_NO.test(q)) intent = 'yesno';
  else if (WHY.test(q)) intent = 'why';
  else if (WHO_IS.test(q)) intent = 'whois';
  return { intent, aboutArticle, frameWords: FRAME_WORDS };
}

const LIST_WORDS = new Set(
  [
    'country', 'countries', 'state', 'states', 'nation', 'nations', 'member', 'members', 'signatory', 'signatories', 'list',
    'name', 'joined', 'join', 'signed', 'sign', 'belong', 'part', 'current', 'currently', 'now', 'far', 'all', 'full',
    'normalized', 'normalised', 'arab', 'muslim', 'majority', 'israel', 'first', 'last', 'latest', 'newest', 'earliest',
    'before', 'after', 'already', 'previous', 'original', 'recent', 'order', 'chronological', 'every', 'many', 'number',
    'total', 'count',
  ].flatMap((w) => terms(w)),
);

/**
 * A question for the list of members: about membership and nothing else ("which countries are
 * members", "who joined first", "which states were in before Kazakhstan"). The list is ordered by
 * announcement, so ordering questions are answered by it too.
 */
export function asksForMemberList(question: string, contentTerms: string[], namesState: boolean): boolean {
  const q = fold(question);
  const plural = /\b(countries|states|nations|members|signatories)\b/.test(q);
  if (namesState && !plural) return false;
  // "members of the accords?", "abraham accords countries": a fragment naming the list is a request for it.
  if (!MEMBERS_LIST.test(q) && !plural && !/\b(joined|signed|belong|part of|in the|join)\b/.test(q)) return false;
  return contentTerms.every((t) => LIST_WORDS.has(t)) && /\b(member|countr|state|nation|signator|joined|join)/.test(q);
}
