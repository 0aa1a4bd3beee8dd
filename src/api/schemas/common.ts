export const errorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description: 'machine-readable: validation, unauthorized, forbidden, not_found, ...',
    },
    message: { type: 'string', description: 'for people' },
    fields: {
      type: 'array',
      description: 'validation errors only: one entry per problem',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', description: 'path of the field, e.g. members[0].name' },
          in: { type: 'string', enum: ['body', 'querystring', 'params', 'headers'] },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const;

const errorRef = { $ref: 'ErrorResponse#' } as const;

/** Response schemas for the error statuses a route can answer with. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorRef> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef])) as Record<S, typeof errorRef>;
}

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
