import iconv from 'iconv-lite';

/**
 * How a card expects contact names: most firmwares take UTF-16BE code units written as hex
 * ("张三" → "5F204E09"); older GBK-only firmwares take the GBK bytes themselves.
 */
export type PhonebookNameEncoding = 'utf16be-hex' | 'gbk';

const UTF16_HEX = /^(?:[0-9A-Fa-f]{4})+$/;

export class PhonebookNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhonebookNameError';
  }
}

export function encodePhonebookName(name: string, encoding: PhonebookNameEncoding): Buffer {
  if (encoding === 'utf16be-hex') {
    const hex = Buffer.from(name, 'utf16le').swap16().toString('hex').toUpperCase();
    return Buffer.from(hex, 'ascii');
  }
  const bytes = iconv.encode(name, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== name) {
    throw new PhonebookNameError(`name "${name}" has characters GBK cannot represent; use utf16be-hex`);
  }
  return bytes;
}

export function decodePhonebookName(raw: Buffer, encoding: PhonebookNameEncoding): string {
  if (encoding === 'gbk') return iconv.decode(raw, 'gbk');
  const hex = raw.toString('latin1');
  if (!UTF16_HEX.test(hex)) {
    throw new PhonebookNameError(`"${hex.slice(0, 40)}" is not UTF-16BE hex (groups of 4 hex digits)`);
  }
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}
