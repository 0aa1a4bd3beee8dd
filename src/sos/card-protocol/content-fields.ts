const COMMA = 0x2c;

/**
 * Splits content on commas at the byte level. Safe for GBK text: GBK trail bytes are 0x40 and
 * above, so a 0x2C byte is always a real comma.
 */
export function splitContent(content: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = content.indexOf(COMMA); at >= 0; at = content.indexOf(COMMA, start)) {
    parts.push(content.subarray(start, at));
    start = at + 1;
  }
  parts.push(content.subarray(start));
  return parts;
}

/** The keyword is everything before the first comma (the whole content when there is none). */
export function contentKeyword(content: Buffer): string {
  const comma = content.indexOf(COMMA);
  return content.toString('latin1', 0, comma < 0 ? content.length : comma);
}
