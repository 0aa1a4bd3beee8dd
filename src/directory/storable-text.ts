// With the u flag a surrogate pair reads as one code point, so only a surrogate without its partner matches.
const LONE_SURROGATE = /\p{Cs}/u;
const NUL = '\u0000';

/**
 * The first character PostgreSQL cannot store in text: a NUL, or a UTF-16 surrogate without its partner
 * (which no valid Unicode text has). Both come from broken clients or binary files, never from people.
 */
export function unstorableText(text: string): { index: number; reason: string } | null {
  const nul = text.indexOf(NUL);
  const surrogate = LONE_SURROGATE.exec(text)?.index ?? -1;
  if (nul < 0 && surrogate < 0) return null;
  if (surrogate < 0 || (nul >= 0 && nul < surrogate))
    return { index: nul, reason: 'contains a NUL character' };
  return { index: surrogate, reason: 'contains a lone surrogate (not valid Unicode)' };
}
