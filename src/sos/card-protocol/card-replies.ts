import { isAlarmKeyword } from './message-decoder';

/**
 * Device-initiated frames the card repeats until the platform answers, with the answer each
 * expects. The platform answers these whether or not it does anything with them, or the card
 * resends them forever and drains its battery. Position reports (UD, WT) and echoes of our own
 * commands expect nothing: answering an echo would read to the card as a new command.
 */
const REPLIES: ReadonlyMap<string, string> = new Map([
  ['LK', 'LK'],
  ['INIT', 'INIT,1'],
  ['TKQ', 'TKQ'],
  ['TKQ2', 'TKQ2'],
  ['TK', 'TK,1'],
  ['JXTK', 'JXTKR,1'],
]);

/** Health readings: answered with their own keyword, spelt as the card spelt it. */
const HEALTH_KEYWORDS = new Set(['BLOOD', 'PULSE', 'HEART', 'BPHRT', 'OXYGEN', 'TEMP', 'BTEMP2']);

/** The content of the reply a frame with this keyword expects, or null when it expects none. */
export function replyFor(keyword: string): string | null {
  if (isAlarmKeyword(keyword)) return 'AL';
  if (HEALTH_KEYWORDS.has(keyword.toUpperCase())) return keyword;
  return REPLIES.get(keyword) ?? null;
}
