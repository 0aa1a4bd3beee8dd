import { nullableDateTime, dateTime } from '../../api/schemas/common';
import { CASE_CATEGORIES, CASE_STATES } from '../domain/case-types';

export const caseListItemSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    number: { type: 'string', description: 'read out digit by digit on the phone' },
    channel: { type: 'string' },
    category: { type: 'string' },
    urgent: { type: 'boolean' },
    state: { type: 'string' },
    villageId: { type: ['string', 'null'] },
    gridId: { type: ['string', 'null'] },
    address: { type: 'string' },
    assigneeId: { type: ['string', 'null'] },
    departmentId: { type: ['string', 'null'] },
    openedAt: dateTime,
    nextDeadlineAt: nullableDateTime,
    countdownMs: { type: ['number', 'null'], description: 'until the next deadline; negative when overdue' },
  },
} as const;

export const caseDetailSchema = {
  type: 'object',
  properties: {
    ...caseListItemSchema.properties,
    seq: { type: 'integer', description: 'steps so far; send it back as expectedSeq to act on what you saw' },
    round: { type: 'integer', description: '1, then +1 for each reopening' },
    householdId: { type: ['string', 'null'] },
    callerNumber: { type: ['string', 'null'] },
    callId: { type: ['string', 'null'] },
    recording: { type: ['object', 'null'], additionalProperties: true },
    transcript: { type: 'object', additionalProperties: true },
    description: { type: 'string' },
    duplicates: { type: 'integer' },
    closedAt: nullableDateTime,
    departmentAccepted: { type: 'boolean' },
    sla: {
      type: 'object',
      properties: {
        policy: { type: 'object', additionalProperties: true },
        warnings: { type: 'array', items: { type: 'string' } },
        stages: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              stage: { type: 'string' },
              status: { type: 'string', description: 'running, paused, breached, met, missed' },
              budgetMs: { type: 'number' },
              usedMs: { type: 'number' },
              deadlineAt: nullableDateTime,
              remainingMs: { type: ['number', 'null'] },
            },
          },
        },
      },
    },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq: { type: 'integer' },
          at: dateTime,
          type: { type: 'string' },
          actor: { type: 'string' },
          channel: { type: 'string' },
          note: { type: 'string' },
          details: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

export const listCasesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: [...CASE_STATES, 'open'] },
    category: { type: 'string', enum: CASE_CATEGORIES },
    urgent: { type: 'boolean' },
    gridId: { type: 'string', maxLength: 64 },
    villageId: { type: 'string', maxLength: 64 },
    assigneeId: { type: 'string', maxLength: 64 },
    overdue: { type: 'boolean', description: 'only cases past their next deadline' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: {
      type: 'integer',
      minimum: 0,
      default: 0,
      description: 'prefer `after`: it costs the same on any page',
    },
    after: { type: 'string', maxLength: 500, description: 'the `next` of the page before' },
  },
} as const;

export const newCaseBodySchema = {
  type: 'object',
  required: ['category', 'description'],
  additionalProperties: false,
  properties: {
    category: { type: 'string', enum: CASE_CATEGORIES },
    urgent: { type: 'boolean', default: false },
    description: { type: 'string', minLength: 1, maxLength: 4000 },
    areaId: {
      type: 'string',
      maxLength: 64,
      description: 'a village or grid; a grid worker defaults to their grid',
    },
    householdId: { type: 'string', maxLength: 64 },
    address: { type: 'string', maxLength: 500 },
    callerNumber: { type: 'string', pattern: '^\\+?[0-9]{3,20}$' },
  },
} as const;

const stepChannel = { type: 'string', enum: ['api', 'dashboard'], default: 'api' } as const;

export const transitionBodySchema = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', enum: CASE_STATES.filter((s) => s !== 'received') },
    note: { type: 'string', maxLength: 2000 },
    channel: stepChannel,
    expectedSeq: {
      type: 'integer',
      minimum: 1,
      description: 'the seq you saw: refused (409) if the case moved since',
    },
  },
} as const;

export const dispatchBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    assigneeId: {
      type: 'string',
      maxLength: 64,
      description: 'default: the grid duty roster, then a grid worker',
    },
    gridId: { type: 'string', maxLength: 64, description: 'route the case to this grid first' },
    note: { type: 'string', maxLength: 2000 },
    channel: stepChannel,
    expectedSeq: { type: 'integer', minimum: 1 },
  },
} as const;

export const transferBodySchema = {
  type: 'object',
  required: ['department'],
  additionalProperties: false,
  properties: {
    department: { type: 'string', minLength: 1, maxLength: 64, description: 'department id or code' },
    note: { type: 'string', maxLength: 2000 },
    channel: stepChannel,
  },
} as const;

export const noteBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { note: { type: 'string', maxLength: 2000 }, channel: stepChannel },
} as const;

export const stepResultSchema = {
  type: 'object',
  properties: {
    caseId: { type: 'string' },
    seq: { type: 'integer' },
    state: { type: 'string' },
    nextDeadlineAt: nullableDateTime,
  },
} as const;
