import { AreaLevel, Role } from '../../generated/prisma/client';
import { dateTime } from './common';

const roles = Object.values(Role);

const name = { type: 'string', minLength: 1, maxLength: 64 } as const;
const phones = {
  type: 'array',
  minItems: 1,
  maxItems: 5,
  items: { type: 'string', maxLength: 32 },
  description: 'Chinese mobile or landline numbers (13800138000, 0571-88888888), in the order they are tried',
} as const;

export const personSchema = {
  type: 'object',
  required: ['id', 'name', 'roles', 'area', 'household', 'phones', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: roles } },
    area: {
      type: ['object', 'null'],
      required: ['id', 'level', 'name', 'code'],
      description: 'the grid a grid worker serves, the village a cadre serves',
      properties: {
        id: { type: 'string' },
        level: { type: 'string', enum: Object.values(AreaLevel) },
        name: { type: 'string' },
        code: { type: 'string' },
      },
    },
    household: {
      type: ['object', 'null'],
      required: ['id', 'externalRef', 'gridId'],
      properties: { id: { type: 'string' }, externalRef: { type: 'string' }, gridId: { type: 'string' } },
    },
    phones: { type: 'array', items: { type: 'string' }, description: 'E.164, in the order they are tried' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;

export const personPageSchema = {
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: {
    items: { type: 'array', items: personSchema },
    total: { type: 'integer', description: 'people matching the filters, across all pages' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
} as const;

export const createPersonBodySchema = {
  type: 'object',
  required: ['name', 'roles', 'phones'],
  additionalProperties: false,
  properties: {
    name,
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: roles } },
    areaId: {
      type: 'string',
      minLength: 1,
      description: 'required for a GRID_WORKER (their GRID) and a CADRE (their VILLAGE or TOWN)',
    },
    householdId: {
      type: 'string',
      minLength: 1,
      description:
        'makes the person a member of this household (a re-import of the household that does not list ' +
        'them removes them); give areaId, householdId or both',
    },
    phones,
  },
} as const;

export const patchPersonBodySchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name,
    phones: { ...phones, description: `replaces every number; ${phones.description}` },
    areaId: { type: ['string', 'null'], minLength: 1, description: 'null removes the area' },
  },
} as const;

export const listPeopleQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { type: 'string', enum: roles },
    area: {
      type: 'string',
      minLength: 1,
      description: 'town, village or grid (id or code): people serving it or living in it',
    },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;
