/**
 * False premises, read before any search: a question that takes for granted a joining or a
 * leaving the profiles contradict is declined with the reason, not answered around.
 */
import { fold } from '../text/normalize.ts';
import { NEGATION, type Query } from './question.ts';

/** Words of a state joining the accords, and of one leaving them, in a question read in English. */
const ACCORDS_OBJECT = String.raw`(?:\W+\w+){0,4}?\W+(?:accords?|membership)\b`;
const JOINING = new RegExp(String.raw`\b(?:join(?:ed|ing)?|sign(?:ed|ing)?(?: on| up)?|accede[ds]?|accession|entered)` + ACCORDS_OBJECT);
const LEAVING = new RegExp(
  String.raw`\b(?:leave|left|leaving|withdr[ae]w\w*|quit|quitting|exit(?:ed)?|expell?ed|kicked out|suspended|pulled out|dropped out|cancell?ed|annulled)` + ACCORDS_OBJECT +
    // "X's membership was suspended", "its accession was cancelled"
    String.raw`|\b(?:accords?|membership|accession)\W+(?:\w+\W+){0,2}?(?:suspended|cancell?ed|annulled|revoked|terminated|withdrawn)\b`,
);

/**
 * A why/when/who/how question that takes for granted a joining or a leaving the profiles
 * contradict ("why did Egypt sign the accords?", "when did Bahrain leave them?"): the reason it
 * cannot be answered, naming the state's profile; a yes/no question is answered instead.
 */
export function falsePremise(query: Query): string | undefined {
  const { shape, entityMatches, english } = query;
  if (shape.aboutArticle || shape.intent === 'yesno') return undefined;
  const q = fold(english);
  // Only a past event taken for granted: "why did X join", not "what would it take for X to join".
  if (!/^(?:\w+\W+){0,3}?(?:why|when|who|how|where|what|which)\b/.test(q) || !/\b(?:did|was|were|has|have|had)\b|\b\w+ed\b/.test(q)) return undefined;
  // Reported plans and refusals are facts of their own ("why won't Syria sign?", "how was X planning to join?").
  if (NEGATION.test(q) || /\b(?:plan\w*|report\w*|would|will|could|might|expected|intend\w*)\b/.test(q)) return undefined;
  const states = entityMatches.filter((m) => m.entity.type === 'state');
  if (states.length !== 1 || entityMatches.length !== 1) return undefined;
  const state = states[0]!.entity;
  if (LEAVING.test(q) && state.membership === 'member') {
    return `My sources report no withdrawal of ${state.name} from the Abraham Accords, so I can't answer as if there was one. /whois ${state.name} shows its status.`;
  }
  if (JOINING.test(q) && !LEAVING.test(q) && state.membership === 'non-member') {
    return `My sources do not report that ${state.name} has joined the Abraham Accords, so I can't answer as if it had. /whois ${state.name} shows its status.`;
  }
  return undefined;
}
