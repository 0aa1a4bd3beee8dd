import type { FieldProblem } from '../validation/field-problem';

/** Domain errors the API maps to HTTP statuses and the CLI prints; each message is meant for the user. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.reason}`).join('; '));
  }
}
