import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { ConflictError, InvalidInputError, NotFoundError } from '../directory/errors';
import type { FieldProblem } from '../validation/field-problem';
import { HttpError } from './errors';

/** The body of every error response (see the ErrorResponse schema). */
interface ErrorBody {
  error: string;
  message: string;
  fields?: RequestFieldProblem[];
}

/** `in`: the part of the request the field is in (body, querystring, params), when the schema said. */
type RequestFieldProblem = FieldProblem & { in?: string };

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** `/members/0/name` → `members[0].name`, the way a client names the field it sent. */
function fieldPath(instancePath: string, child?: unknown): string {
  const segments = instancePath.split('/').slice(1);
  if (typeof child === 'string') segments.push(child);
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
    '',
  );
}

function reasonFor(error: FastifySchemaValidationError): string {
  const { keyword, params } = error;
  if (keyword === 'required') return 'required';
  if (keyword === 'additionalProperties') return 'unknown field';
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of: ${params.allowedValues.join(', ')}`;
  }
  return error.message ?? keyword;
}

function fieldsOf(errors: FastifySchemaValidationError[], part: string): RequestFieldProblem[] {
  return errors.map((error) => {
    const child = error.params.missingProperty ?? error.params.additionalProperty;
    return { field: fieldPath(error.instancePath, child) || `(${part})`, in: part, reason: reasonFor(error) };
  });
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && ('statusCode' in error || 'validation' in error);
}

function validationBody(fields: RequestFieldProblem[]): ErrorBody {
  const message = `invalid request: ${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}`;
  return { error: 'validation', message, fields };
}

/**
 * One error shape for the whole API: `{ error, message }`, plus `fields` for validation failures.
 * Unexpected errors are logged with the request id and answered with a generic 500.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (isFastifyError(error) && error.validation) {
      return reply
        .code(400)
        .send(validationBody(fieldsOf(error.validation, error.validationContext ?? 'body')));
    }
    if (error instanceof InvalidInputError) {
      return reply.code(400).send(validationBody(error.fields));
    }
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
    }
    if (error instanceof NotFoundError) {
      return reply.code(404).send({ error: 'not_found', message: error.message });
    }
    if (error instanceof ConflictError) {
      return reply.code(409).send({ error: 'conflict', message: error.message });
    }
    if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode < 500) {
      const code = CODE_BY_STATUS[error.statusCode] ?? 'bad_request';
      return reply.code(error.statusCode).send({ error: code, message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'internal', message: `internal error; quote request id ${request.id}` });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
