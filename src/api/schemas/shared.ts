import { areaSchema } from './area';
import { errorResponseSchema } from './common';
import { householdPageSchema, householdSchema } from './household';
import { importRejectedSchema, importReportSchema } from './household-import';
import { apiTokenSchema, createdApiTokenSchema } from './token';

/**
 * Schemas routes refer to by `$ref: '<$id>#'`: added to fastify (and so to the OpenAPI components) and
 * given to the type provider, which resolves the same references. Order matters: a schema comes after
 * the ones it refers to.
 */
export const SHARED_SCHEMAS = [
  errorResponseSchema,
  areaSchema,
  householdSchema,
  householdPageSchema,
  importReportSchema,
  importRejectedSchema,
  apiTokenSchema,
  createdApiTokenSchema,
] as const;
