import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldProblem } from '../../validation/field-problem';

/** A parsed element: its children by local name (namespace prefixes removed), or its text. */
export type XmlElement = { [name: string]: unknown } | string;

/** Alerts are a few kilobytes; a polygon-heavy one tens. More than this is not an alert. */
export const MAX_ALERT_XML_CHARS = 1_000_000;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five predefined entities are ever expanded: documents with a DTD are refused before parsing.
  processEntities: { enabled: true, maxEntityCount: 0 },
  maxNestedTags: 32,
});

/**
 * Parses XML into elements, refusing what is not well-formed, too large, or declares a DTD (no
 * entity an alert could define, so no XXE and no entity expansion bombs).
 */
export function parseXmlDocument(
  xml: string,
): { ok: true; root: Record<string, unknown> } | { ok: false; problem: FieldProblem } {
  const fail = (reason: string) => ({ ok: false as const, problem: { field: '(xml)', reason } });
  if (xml.length > MAX_ALERT_XML_CHARS) return fail(`larger than ${MAX_ALERT_XML_CHARS} characters`);
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fail('empty');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return fail('document type declarations (DTDs) and entities are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return fail(`not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  try {
    return { ok: true, root: parser.parse(text) as Record<string, unknown> };
  } catch (error) {
    return fail(`not readable XML: ${(error as Error).message}`);
  }
}

/** The child elements with any of these local names (case-insensitive), in document order per name. */
export function children(element: unknown, names: readonly string[]): XmlElement[] {
  if (typeof element !== 'object' || element === null) return [];
  const wanted = names.map((n) => n.toLowerCase());
  const found: XmlElement[] = [];
  for (const [key, value] of Object.entries(element)) {
    if (!wanted.includes(key.toLowerCase())) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || (typeof item === 'object' && item !== null))
        found.push(item as XmlElement);
    }
  }
  return found;
}

/** The text of the first child with one of these names, with character references decoded; undefined when empty. */
export function childText(element: unknown, names: readonly string[]): string | undefined {
  for (const child of children(element, names)) {
    const text = textOf(child);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Every non-empty text among the children with these names. */
export function childTexts(element: unknown, names: readonly string[]): string[] {
  return children(element, names).flatMap((child) => textOf(child) ?? []);
}

function textOf(element: XmlElement): string | undefined {
  const raw = typeof element === 'string' ? element : element['#text'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = decodeCharacterReferences(String(raw)).trim();
  return text === '' ? undefined : text;
}

/** &#20013; and &#x4e2d; (the parser leaves numeric references as they are). */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (whole, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}
