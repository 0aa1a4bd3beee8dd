/**
 * Which called numbers the edge lets through to Asterisk: linli's services only (SOS, hotline and
 * whatever else is configured). Everything else is refused at the edge, so a caller probing for a
 * way out never reaches a dialplan.
 */
export type NumberVerdict = { admit: true; number: string } | { admit: false };

/**
 * The number an INVITE asks for, from its Request-URI's user part, with a leading `+86`/`0086`
 * dropped and visual separators removed; null when there is no user part.
 */
export function calledNumber(requestUri: string): string | null {
  const m = /^sips?:([^@;?]+)@/i.exec(requestUri.trim());
  if (!m?.[1]) return null;
  let user: string;
  try {
    user = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  const digits = user.replace(/[-. ()]/g, '');
  return digits.replace(/^(\+86|0086)(?=\d)/, '');
}

export function admitNumber(requestUri: string, served: ReadonlySet<string>): NumberVerdict {
  const number = calledNumber(requestUri);
  return number !== null && served.has(number) ? { admit: true, number } : { admit: false };
}
