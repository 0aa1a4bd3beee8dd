import type { Role } from '../../generated/prisma/client';
import type { FieldProblem } from '../../validation/field-problem';

export const IMPORT_MODES = ['all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const CSV_ENCODINGS = ['auto', 'utf8', 'gbk'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** A problem with one cell (or with the file, field "(file)"); `row` is the 1-based line in the file. */
export interface RowError extends FieldProblem {
  row: number;
  value: string;
}

/** Worth a look but no reason to refuse the row (e.g. a phone number another row lists too); same shape as an error. */
export type RowWarning = RowError;

/**
 * How far an import has got, for a progress bar: `checking` counts data rows read and checked, `writing`
 * counts households written (created, updated, or found unchanged). `total` is the count the stage ends at.
 */
export interface ImportProgress {
  stage: 'checking' | 'writing';
  done: number;
  total: number;
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
  /** Rows imported (or importable) as they are, with something the importer should know. */
  warnings: RowWarning[];
}
