/**
 * What a simulated phone does when it is called. Written in number plans as text:
 *   press:<digits>                 answers, presses the digits, stays until the caller hangs up
 *   press-and-hold:<digits>:<s>    answers, presses the digits, stays <s> seconds, then hangs up
 *   hangup:<s>                     answers, listens <s> seconds without pressing, hangs up
 *   silent                         answers, says nothing, stays until the caller hangs up
 *   machine                        answering machine: long greeting, beep, then silence
 *   busy                           486 Busy Here
 *   no-answer                      rings until the caller gives up (CANCEL)
 *   decline                        rings a little, then 603 Decline
 *   reject:<sip status>            answers the INVITE with that status at once (404, 480, 503, ...)
 */
export type PhoneBehaviour =
  | { readonly kind: 'press'; readonly digits: string }
  | { readonly kind: 'press-and-hold'; readonly digits: string; readonly holdSeconds: number }
  | { readonly kind: 'hangup'; readonly afterSeconds: number }
  | { readonly kind: 'silent' }
  | { readonly kind: 'machine' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'no-answer' }
  | { readonly kind: 'decline' }
  | { readonly kind: 'reject'; readonly sipStatus: number };

export type ParsedBehaviour = { ok: true; behaviour: PhoneBehaviour } | { ok: false; reason: string };

const DTMF_DIGITS = /^[0-9*#]{1,8}$/;

export function parsePhoneBehaviour(text: string): ParsedBehaviour {
  const [kind = '', ...params] = text.trim().split(':');
  const expectParams = (count: number, usage: string): string | null =>
    params.length === count ? null : `"${kind}" takes the form ${usage}`;
  const digitsError = (digits: string): string | null =>
    DTMF_DIGITS.test(digits) ? null : `digits must be 1 to 8 of 0-9 * #, got "${digits}"`;
  const fail = (reason: string): ParsedBehaviour => ({ ok: false, reason });

  switch (kind) {
    case 'press': {
      const bad = expectParams(1, 'press:<digits>');
      if (bad) return fail(bad);
      const digits = params[0] ?? '';
      return digitsError(digits)
        ? fail(digitsError(digits) ?? '')
        : { ok: true, behaviour: { kind, digits } };
    }
    case 'press-and-hold': {
      const bad = expectParams(2, 'press-and-hold:<digits>:<seconds>');
      if (bad) return fail(bad);
      const digits = params[0] ?? '';
      if (digitsError(digits)) return fail(digitsError(digits) ?? '');
      const holdSeconds = parseSeconds(params[1] ?? '');
      if (holdSeconds === null) return fail(`hold seconds must be a positive number, got "${params[1]}"`);
      return { ok: true, behaviour: { kind, digits, holdSeconds } };
    }
    case 'hangup': {
      const bad = expectParams(1, 'hangup:<seconds>');
      if (bad) return fail(bad);
      const afterSeconds = parseSeconds(params[0] ?? '');
      if (afterSeconds === null) return fail(`seconds must be a positive number, got "${params[0]}"`);
      return { ok: true, behaviour: { kind, afterSeconds } };
    }
    case 'reject': {
      const bad = expectParams(1, 'reject:<sip status>');
      if (bad) return fail(bad);
      const sipStatus = Number(params[0]);
      if (!Number.isInteger(sipStatus) || sipStatus < 400 || sipStatus > 699) {
        return fail(`reject needs a SIP status from 400 to 699, got "${params[0]}"`);
      }
      return { ok: true, behaviour: { kind, sipStatus } };
    }
    case 'silent':
    case 'machine':
    case 'busy':
    case 'no-answer':
    case 'decline':
      return params.length === 0 ? { ok: true, behaviour: { kind } } : fail(`"${kind}" takes no parameter`);
    default:
      return fail(
        `unknown behaviour "${kind}" (known: press, press-and-hold, hangup, silent, machine, busy, no-answer, decline, reject)`,
      );
  }
}

/** Like parsePhoneBehaviour, for behaviours written in code or configuration: throws on bad text. */
export function phoneBehaviour(text: string): PhoneBehaviour {
  const parsed = parsePhoneBehaviour(text);
  if (!parsed.ok) throw new Error(`bad phone behaviour "${text}": ${parsed.reason}`);
  return parsed.behaviour;
}

/** The canonical text of a behaviour; parsePhoneBehaviour(formatPhoneBehaviour(b)) equals b. */
export function formatPhoneBehaviour(behaviour: PhoneBehaviour): string {
  switch (behaviour.kind) {
    case 'press':
      return `press:${behaviour.digits}`;
    case 'press-and-hold':
      return `press-and-hold:${behaviour.digits}:${behaviour.holdSeconds}`;
    case 'hangup':
      return `hangup:${behaviour.afterSeconds}`;
    case 'reject':
      return `reject:${behaviour.sipStatus}`;
    default:
      return behaviour.kind;
  }
}

function parseSeconds(text: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const seconds = Number(text);
  return seconds > 0 ? seconds : null;
}
