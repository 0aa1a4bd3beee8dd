import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { unstorableText } from '../storable-text';
import type { CsvEncoding, RowError } from './types';

export type DecodedCsv =
  { ok: true; text: string; encoding: 'utf8' | 'gbk' } | { ok: false; error: RowError };

const REPLACEMENT = '\uFFFD';

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function fileError(row: number, reason: string): DecodedCsv {
  return { ok: false, error: { row, field: '(file)', value: '', reason } };
}

/** A NUL in decoded text (a binary file, or UTF-16 without its mark) would fail the database write later. */
function storable(decoded: DecodedCsv): DecodedCsv {
  if (!decoded.ok) return decoded;
  const bad = unstorableText(decoded.text);
  if (!bad) return decoded;
  return fileError(lineOf(decoded.text, bad.index), `the file ${bad.reason}; save it again as CSV`);
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Village spreadsheets saved from Chinese Excel are usually GBK, newer ones UTF-8 (often with a BOM).
 * In `auto` mode, bytes that are valid UTF-8 are read as UTF-8, anything else as GBK — GB18030, its
 * superset, so rare characters in names survive.
 */
export function decodeCsv(input: Uint8Array, encoding: CsvEncoding): DecodedCsv {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fileError(1, 'the file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or plain CSV');
  }
  const readAsUtf8 = encoding === 'utf8' || (encoding === 'auto' && isUtf8(bytes));
  if (readAsUtf8) {
    const text = bytes.toString('utf8');
    if (!isUtf8(bytes)) {
      return fileError(
        lineOf(text, text.indexOf(REPLACEMENT)),
        'the file is not valid UTF-8; a CSV saved from Chinese Excel is usually GBK: use encoding gbk or auto',
      );
    }
    return storable({ ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding: 'utf8' });
  }
  if (hasUtf8Bom(bytes)) {
    return fileError(
      1,
      'the file starts with a UTF-8 byte order mark but is read as GBK: use encoding utf8 or auto',
    );
  }
  const text = iconv.decode(bytes, 'gb18030');
  const bad = text.indexOf(REPLACEMENT);
  if (bad >= 0) {
    return fileError(
      lineOf(text, bad),
      'the file is neither valid UTF-8 nor valid GBK; save it again as CSV',
    );
  }
  return storable({ ok: true, text, encoding: 'gbk' });
}
