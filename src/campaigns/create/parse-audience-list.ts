import { parseChinesePhoneNumber } from '../../directory/phone';
import { decodeCsv } from '../../directory/import/decode-csv';
import { readCsvRecords } from '../../directory/import/read-csv-records';
import type { CsvEncoding, RowError } from '../../directory/import/types';

export interface AudienceListRow {
  /** Line in the file. */
  row: number;
  /** E.164. */
  number: string;
  /** What the cadre sees in results, e.g. a name or an address; the number when the file has none. */
  label: string;
}

export interface ParsedAudienceList {
  rows: AudienceListRow[];
  errors: RowError[];
  /** Rows whose number an earlier row has: dialled once. */
  duplicates: { row: number; number: string; firstRow: number }[];
}

/** More than a county's households is a mistake, not a list. */
const MAX_AUDIENCE_LIST_ROWS = 50_000;

const PHONE_HEADERS = /^(phone|phones|number|mobile|tel|电话|手机|手机号|手机号码|号码|电话号码|联系电话)$/i;
const LABEL_HEADERS = /^(label|name|address|姓名|名字|户主|地址|住址|备注)$/i;

/**
 * Reads an uploaded list of numbers: CSV (UTF-8 or GBK) with a header naming a phone column (电话, 手机,
 * phone…) and optionally a name or address column, or no header at all (number first, label second).
 */
export function parseAudienceList(bytes: Uint8Array, encoding: CsvEncoding = 'auto'): ParsedAudienceList {
  const decoded = decodeCsv(bytes, encoding);
  if (!decoded.ok) return { rows: [], errors: [decoded.error], duplicates: [] };
  const read = readCsvRecords(decoded.text);
  if (!read.ok) return { rows: [], errors: [read.error], duplicates: [] };
  const [first, ...rest] = read.records;
  if (!first) return { rows: [], errors: [fileError('the list is empty')], duplicates: [] };

  const header = first.fields.map((f) => f.trim());
  const phoneColumn = header.findIndex((h) => PHONE_HEADERS.test(h));
  const hasHeader = phoneColumn >= 0 || header.some((h) => LABEL_HEADERS.test(h));
  if (hasHeader && phoneColumn < 0) {
    return {
      rows: [],
      errors: [
        {
          row: first.line,
          field: '(header)',
          value: header.join(','),
          reason: 'no phone column (电话 or phone)',
        },
      ],
      duplicates: [],
    };
  }
  const records = hasHeader ? rest : read.records;
  if (records.length > MAX_AUDIENCE_LIST_ROWS) {
    return { rows: [], errors: [fileError(`more than ${MAX_AUDIENCE_LIST_ROWS} rows`)], duplicates: [] };
  }
  const numberAt = hasHeader ? phoneColumn : 0;
  const labelAt = hasHeader ? header.findIndex((h) => LABEL_HEADERS.test(h)) : 1;

  const result: ParsedAudienceList = { rows: [], errors: [], duplicates: [] };
  const firstRowOf = new Map<string, number>();
  for (const record of records) {
    const raw = record.fields[numberAt]?.trim() ?? '';
    const phone = parseChinesePhoneNumber(raw);
    if (!phone.ok) {
      result.errors.push({ row: record.line, field: 'phone', value: raw, reason: phone.reason });
      continue;
    }
    const firstRow = firstRowOf.get(phone.e164);
    if (firstRow !== undefined) {
      result.duplicates.push({ row: record.line, number: phone.e164, firstRow });
      continue;
    }
    firstRowOf.set(phone.e164, record.line);
    const label = (labelAt >= 0 ? record.fields[labelAt]?.trim() : '') || phone.e164;
    result.rows.push({ row: record.line, number: phone.e164, label });
  }
  if (result.rows.length === 0 && result.errors.length === 0)
    result.errors.push(fileError('the list has no numbers'));
  return result;
}

function fileError(reason: string): RowError {
  return { row: 1, field: '(file)', value: '', reason };
}
