import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { unstorableText } from '../directory/storable-text';

type Part = 'params' | 'querystring' | 'body';

/** Parsed JSON, query strings (whose objects have a prototype of their own) and multipart bodies; not Buffers. */
const isRecord = (value: object): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]';

/** A text field of a multipart body (attachFieldsToBody): its value is what the client sent. */
const isMultipartField = (value: Record<string, unknown>): boolean =>
  value.type === 'field' && typeof value.fieldname === 'string' && 'value' in value;

/** Every string inside `value`; uploaded files are bytes, checked where they are decoded (decodeCsv). */
function unstorableStrings(
  value: unknown,
  pointer: string,
  seen: Set<object>,
): FastifySchemaValidationError[] {
  if (typeof value === 'string') {
    const found = unstorableText(value);
    if (!found) return [];
    return [{ keyword: 'text', instancePath: pointer, schemaPath: '', params: {}, message: found.reason }];
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value))
    return value.flatMap((item, i) => unstorableStrings(item, `${pointer}/${i}`, seen));
  if (!isRecord(value) || value.type === 'file') return [];
  if (isMultipartField(value)) return unstorableStrings(value.value, pointer, seen);
  return Object.entries(value).flatMap(([key, item]) => unstorableStrings(item, `${pointer}/${key}`, seen));
}

function unstorableTextIn(
  request: FastifyRequest,
): { part: Part; errors: FastifySchemaValidationError[] } | null {
  const parts: [Part, unknown][] = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ];
  for (const [part, value] of parts) {
    const errors = unstorableStrings(value, '', new Set());
    if (errors.length > 0) return { part, errors };
  }
  return null;
}

async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const found = unstorableTextIn(request);
  if (!found) return;
  throw Object.assign(new Error('text that cannot be stored'), {
    statusCode: 400,
    validation: found.errors,
    validationContext: found.part,
  });
}

/**
 * Refuses text PostgreSQL cannot store, wherever a request carries it (path, query, JSON or multipart
 * fields), as a 400 naming the field, in the shape of a schema error, instead of the 500 the database's
 * refusal would become. It looks before each route's schema validation, so the field is named precisely,
 * and again before the handler: a multipart body is attached only by the multipart plugin's own
 * preValidation hook, which runs after this one.
 */
export function installTextInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', refuseUnstorableText);
  app.addHook('preHandler', refuseUnstorableText);
}
