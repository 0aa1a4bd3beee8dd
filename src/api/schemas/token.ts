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
} as const;

export const apiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'personId', 'createdAt', 'revokedAt', 'lastUsedAt'],
  properties: tokenProperties,
} as const;

export const createdApiTokenSchema = {
  $id: 'CreatedApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'personId', 'token'],
  properties: {
    id: tokenProperties.id,
    name: tokenProperties.name,
    role: tokenProperties.role,
    areaId: tokenProperties.areaId,
    personId: tokenProperties.personId,
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
  },
} as const;

export interface CreateTokenBody {
  name: string;
  role: Role;
  areaId?: string;
  personId?: string;
}
