import { Role } from '../../generated/prisma/client';
import { dateTime, nullableDateTime } from './common';

const tokenProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', enum: Object.values(Role) },
  areaId: { type: ['string', 'null'], description: 'the area the token sees, with everything below it' },
  createdAt: dateTime,
  revokedAt: nullableDateTime,
  lastUsedAt: nullableDateTime,
} as const;

export const apiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'createdAt', 'revokedAt', 'lastUsedAt'],
  properties: tokenProperties,
} as const;

export const createdApiTokenSchema = {
  $id: 'CreatedApiToken',
  type: 'object',
  required: ['id', 'name', 'role', 'areaId', 'token'],
  properties: {
    id: tokenProperties.id,
    name: tokenProperties.name,
    role: tokenProperties.role,
    areaId: tokenProperties.areaId,
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
  },
} as const;

export interface CreateTokenBody {
  name: string;
  role: Role;
  areaId?: string;
}
