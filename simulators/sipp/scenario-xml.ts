/** Small builders for SIPp scenario XML, so generated scenarios read like hand-written ones. */

function xmlAttr(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join('');
}

export function element(name: string, attrs: Attributes = {}, children: readonly string[] = []): string {
  if (children.length === 0) return `<${name}${attributes(attrs)}/>`;
  return `<${name}${attributes(attrs)}>\n${children.map((c) => indent(c)).join('\n')}\n</${name}>`;
}

/** A SIP message SIPp sends; SIPp strips each line's indentation and adds the CRLFs. */
function sipMessage(lines: readonly string[]): string {
  if (lines.some((line) => line.includes(']]>'))) throw new Error('SIP message text cannot contain "]]>"');
  return `<![CDATA[\n${lines.join('\n')}\n]]>`;
}

export function send(message: readonly string[], attrs: Attributes = {}): string {
  return element('send', attrs, [sipMessage(message)]);
}

function actions(...list: string[]): string {
  return element('action', {}, list);
}

export function label(id: string): string {
  return element('label', { id });
}

/** A step that only runs actions and/or jumps: next is taken when test (a boolean variable) is true, or always. */
export function nop(attrs: { next?: string; test?: string } = {}, ...actionList: string[]): string {
  return element('nop', attrs, actionList.length > 0 ? [actions(...actionList)] : []);
}

export function log(message: string): string {
  return element('log', { message });
}

export function scenario(name: string, steps: readonly string[]): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>\n${element('scenario', { name }, steps)}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? `  ${line}` : line))
    .join('\n');
}
