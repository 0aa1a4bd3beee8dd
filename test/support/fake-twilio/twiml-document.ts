import { XMLParser } from 'fast-xml-parser';

/** One TwiML verb as the fake executes it: its name, attributes, text and nested verbs. */
export interface TwimlVerb {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlVerb[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function verbsOf(nodes: Node[]): TwimlVerb[] {
  return nodes.flatMap((node) => {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '?xml') return [];
    const inner = (node[name] as Node[]) ?? [];
    const text = inner
      .filter((n) => '#text' in n)
      .map((n) => String(n['#text']))
      .join('');
    return [{ name, attrs: node[':@'] ?? {}, text, children: verbsOf(inner) }];
  });
}

/** The verbs of a TwiML document's <Response>, in order; throws on anything that is not TwiML. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const response = verbsOf(parser.parse(xml) as Node[]).find((v) => v.name === 'Response');
  if (!response) throw new Error(`not TwiML: ${xml.slice(0, 200)}`);
  return response.children;
}
