import { Role } from '../../generated/prisma/client';
import { dateTime, nullableDateTime } from './common';

const tokenProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', enum: Object.values(Role) },
  areaId: { type: ['string', 'null'], description: 'the area the token sees, with everything below it' },
  personId: { type: ['string', 'null'], description: 'the person the token was issued to' },
  createdAt: dateTime,
  revokedAt: nullableDateTime,
  lastUsedAt: nullableDateTime,
  expiresAt: { ...nullableDateTime, description: 'after this the token is refused; null: never' },
} as const;

export const apiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'personId', 'createdAt', 'revokedAt', 'lastUsedAt', 'expiresAt'],
  properties: tokenProperties,
} as const;

export const createdApiTokenSchema = {
  $id: 'CreatedApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'personId', 'expiresAt', 'token'],
  properties: {
    id: tokenProperties.id,
    name: tokenProperties.name,
    role: tokenProperties.role,
    areaId: tokenProperties.areaId,
    personId: tokenProperties.personId,
    expiresAt: tokenProperties.expiresAt,
    token: { type: 'string', description: 'shown this once; only its hash is stored' },
  },
} as const;

export const createTokenBodySchema = {
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    role: { type: 'string', enum: Object.values(Role) },
    areaId: { type: 'string', description: 'limit the token to this area; leave out for the whole tree' },
    personId: {
      type: 'string',
      minLength: 1,
      description: 'the person the token is issued to; required for FAMILY_CONTACT',
    },
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description:
        'refuse the token after this instant (ISO 8601); leave out for a token that does not expire',
    },
  },
} as const;
