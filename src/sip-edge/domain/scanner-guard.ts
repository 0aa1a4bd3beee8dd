/**
 * Keeps SIP scanners away from Asterisk: their tools announce themselves in User-Agent, and those
 * that do not give themselves away by trying many numbers that do not exist.
 */

/** User agents of the common SIP scanning tools (SIPVicious, sipcli, and what they pose as). */
const SCANNER_AGENTS = [/friendly-scanner/i, /sipvicious/i, /sip-?cli/i, /sipsak/i, /sundayddr/i, /iWar/];

export function isScannerAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && SCANNER_AGENTS.some((re) => re.test(userAgent));
}

export interface StrikePolicy {
  /** Calls to numbers the edge does not serve that a source may make within the window. */
  maxUnknownNumbers: number;
  windowMs: number;
  /** How long a source that went over stays refused. */
  blockMs: number;
}

/** One source's recent calls to unknown numbers, and whether it is refused until some time. */
export interface SourceStrikes {
  /** Times of recent calls to unknown numbers, oldest first, within the window. */
  unknownAt: readonly number[];
  blockedUntil: number | null;
}

export const NO_STRIKES: SourceStrikes = { unknownAt: [], blockedUntil: null };

export function isBlocked(strikes: SourceStrikes, now: number): boolean {
  return strikes.blockedUntil !== null && now < strikes.blockedUntil;
}

/** Records one call to an unknown number; the source is blocked once it has made too many. */
export function strikeUnknownNumber(
  strikes: SourceStrikes,
  now: number,
  policy: StrikePolicy,
): SourceStrikes {
  const unknownAt = [...strikes.unknownAt.filter((t) => now - t < policy.windowMs), now];
  if (unknownAt.length > policy.maxUnknownNumbers) {
    return { unknownAt: [], blockedUntil: now + policy.blockMs };
  }
  return { unknownAt, blockedUntil: isBlocked(strikes, now) ? strikes.blockedUntil : null };
}

/** Whether the record still says anything at `now`, or can be forgotten. */
export function strikesExpired(strikes: SourceStrikes, now: number, policy: StrikePolicy): boolean {
  return !isBlocked(strikes, now) && strikes.unknownAt.every((t) => now - t >= policy.windowMs);
}
