import { CSV_ENCODINGS, IMPORT_MODES } from '../../directory/import/types';

const rowProblemSchema = {
  type: 'object',
  required: ['row', 'field', 'value', 'reason'],
  properties: {
    row: { type: 'integer', description: 'line in the file, the header being line 1' },
    field: { type: 'string' },
    value: { type: 'string' },
    reason: { type: 'string' },
  },
} as const;

export const importReportSchema = {
  $id: 'ImportReport',
  type: 'object',
  required: [
    'mode',
    'encoding',
    'rows',
    'created',
    'updated',
    'unchanged',
    'rejected',
    'imported',
    'errors',
    'warnings',
  ],
  properties: {
    mode: { type: 'string', enum: IMPORT_MODES },
    encoding: { type: ['string', 'null'], enum: ['utf8', 'gbk', null] },
    rows: { type: 'integer', description: 'data rows in the file' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer', description: 'rows identical to the stored household' },
    rejected: { type: 'integer', description: 'rows with at least one error' },
    imported: { type: 'boolean', description: 'false: nothing was written' },
    errors: { type: 'array', items: rowProblemSchema },
    warnings: {
      type: 'array',
      description: 'rows imported as they are that deserve a look, e.g. a phone number another row lists too',
      items: rowProblemSchema,
    },
  },
} as const;

export const importRejectedSchema = {
  $id: 'ImportRejected',
  type: 'object',
  required: ['error', 'message', 'report'],
  properties: {
    error: { type: 'string', enum: ['import_rejected'] },
    message: { type: 'string' },
    report: { $ref: 'ImportReport#' },
  },
} as const;

export const importQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: {
      type: 'string',
      enum: IMPORT_MODES,
      default: 'all-or-nothing',
      description: 'all-or-nothing: any error and nothing is written; valid-only: write the valid rows',
    },
    encoding: {
      type: 'string',
      enum: CSV_ENCODINGS,
      default: 'auto',
      description: 'auto: UTF-8 if the bytes are valid UTF-8, else GBK',
    },
  },
} as const;

export const importBodySchema = {
  content: {
    'multipart/form-data': {
      schema: { type: 'object', required: ['file'], properties: { file: { isFile: true } } },
    },
    'text/csv': { schema: { description: 'the CSV file itself, UTF-8 or GBK' } },
  },
} as const;
