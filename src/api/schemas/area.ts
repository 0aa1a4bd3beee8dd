import { AreaLevel } from '../../generated/prisma/client';

const levels = Object.values(AreaLevel);

export const areaSchema = {
  $id: 'Area',
  type: 'object',
  required: ['id', 'level', 'name', 'code', 'parentId'],
  properties: {
    id: { type: 'string' },
    level: { type: 'string', enum: levels },
    name: { type: 'string' },
    code: { type: 'string', description: 'administrative code, unique across the tree' },
    parentId: { type: ['string', 'null'] },
  },
} as const;

export const createAreaBodySchema = {
  type: 'object',
  required: ['level', 'name', 'code'],
  additionalProperties: false,
  properties: {
    level: { type: 'string', enum: levels },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', description: 'letters, digits, _ . -' },
    parentId: { type: 'string', description: 'required for a VILLAGE (its TOWN) and a GRID (its VILLAGE)' },
  },
} as const;

export const listAreasQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { level: { type: 'string', enum: levels } },
} as const;
