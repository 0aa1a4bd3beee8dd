import { CsvError, parse } from 'csv-parse/sync';
import type { RowError } from './types';

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export type CsvRecords = { ok: true; records: CsvRecord[] } | { ok: false; error: RowError };

function newlines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** Splits CSV text into records, dropping blank lines and the all-empty rows spreadsheets append. */
export function readCsvRecords(text: string): CsvRecords {
  // csv-parse counts lines reliably only with \n endings; a quoted \r\n becomes \n, which no field minds.
  const normalised = text.replace(/\r\n?/g, '\n');
  let parsed: ParsedRecord[];
  try {
    // With `info` and `raw`, csv-parse returns objects; its typings only describe plain records.
    parsed = parse(normalised, {
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 1;
      return {
        ok: false,
        error: { row: line, field: '(file)', value: '', reason: `not valid CSV: ${error.message}` },
      };
    }
    throw error;
  }
  const records: CsvRecord[] = [];
  for (const { record, raw, info } of parsed) {
    if (record.every((field) => field.trim() === '')) continue;
    // `info.lines` is where the record ends; the raw text (after any skipped blank lines) says how many it spans.
    const spanned = newlines(raw.replace(/^\n+/, '').replace(/\n$/, ''));
    records.push({ line: info.lines - spanned, fields: record });
  }
  return { ok: true, records };
}
