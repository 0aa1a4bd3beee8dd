import { Role } from '../../generated/prisma/client';
import { dateTime } from './common';

const areaRef = {
  type: 'object',
  required: ['id', 'name', 'code'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, code: { type: 'string' } },
} as const;

export const householdSchema = {
  $id: 'Household',
  type: 'object',
  required: [
    'id',
    'externalRef',
    'village',
    'grid',
    'address',
    'tags',
    'phones',
    'members',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string' },
    externalRef: { type: 'string', description: "the village's own reference, unique within the grid" },
    village: { ...areaRef, type: ['object', 'null'] },
    grid: areaRef,
    address: { type: 'string' },
    latitude: { type: ['number', 'null'] },
    longitude: { type: ['number', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
    phones: { type: 'array', items: { type: 'string' }, description: 'E.164, in the order they are tried' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'roles'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          roles: { type: 'array', items: { type: 'string', enum: Object.values(Role) } },
        },
      },
    },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;

export const householdPageSchema = {
  $id: 'HouseholdPage',
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: {
    items: { type: 'array', items: { $ref: 'Household#' } },
    total: { type: 'integer', description: 'households matching the filters, across all pages' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
} as const;

export const listHouseholdsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    village: { type: 'string', minLength: 1, description: 'village id or code' },
    grid: { type: 'string', minLength: 1, description: 'grid id or code' },
    tag: { type: 'string', minLength: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;
