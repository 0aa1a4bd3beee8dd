import type { Role } from '../../generated/prisma/client';

export const IMPORT_MODES = ['all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const CSV_ENCODINGS = ['auto', 'utf8', 'gbk'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** A problem with one cell (or with the file, field "(file)"); `row` is the 1-based line in the file. */
export interface RowError {
  row: number;
  field: string;
  value: string;
  reason: string;
}

/** One valid row, ready to be written. */
export interface HouseholdDraft {
  row: number;
  gridId: string;
  externalRef: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  tags: string[];
  phones: string[];
  members: { name: string; roles: Role[] }[];
}

export interface ImportReport {
  mode: ImportMode;
  /** The encoding the file was read as; null when it could not be decoded. */
  encoding: 'utf8' | 'gbk' | null;
  /** Data rows in the file (header and blank lines not counted). */
  rows: number;
  created: number;
  updated: number;
  /** Rows that matched a stored household exactly; nothing was written for them. */
  unchanged: number;
  rejected: number;
  /** False when nothing was written: an error in all-or-nothing mode, or a file that could not be read. */
  imported: boolean;
  errors: RowError[];
}
