import { dateTime, nullableDateTime } from '../../api/schemas/common';

const clockTime = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;

const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    escalation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: {
          type: 'string',
          enum: ['sequential', 'parallel'],
          description: 'one contact at a time, or each tier at once',
        },
        rounds: { type: 'integer', minimum: 1, maximum: 10, description: 'times the whole list is called' },
        ringTimeoutSeconds: { type: 'integer', minimum: 5, maximum: 120 },
        pauseBetweenRoundsSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      },
    },
    inactivity: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        maxDistanceM: {
          type: 'integer',
          minimum: 10,
          maximum: 5000,
          description: 'moving less than this is not moving',
        },
        periodMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          description: 'daytime stillness before someone is sent',
        },
        daytime: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: { from: clockTime, to: clockTime },
          description: 'China Standard Time, HH:MM to a later HH:MM',
        },
        heartbeatTimeoutMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
        cooldownMinutes: { type: 'integer', minimum: 0, maximum: 10080 },
      },
    },
    alarms: {
      type: 'object',
      additionalProperties: false,
      description: "what the card's alarms other than SOS set off (SOS always opens an incident)",
      properties: {
        fall: { type: 'boolean', description: 'a detected fall opens an incident like SOS (default true)' },
        takenOff: {
          type: 'boolean',
          description:
            'the card taken off sends someone to look in, like the inactivity alert (default true)',
        },
        powerOff: {
          type: 'boolean',
          description:
            'the card switched off sends someone to look in, like the inactivity alert (default true)',
        },
      },
    },
  },
} as const;

const settingsView = {
  type: 'object',
  properties: {
    escalation: {
      type: 'object',
      properties: {
        mode: { type: 'string' },
        rounds: { type: 'integer' },
        ringTimeoutSeconds: { type: 'number' },
        pauseBetweenRoundsSeconds: { type: 'number' },
      },
    },
    inactivity: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        maxDistanceM: { type: 'number' },
        periodMinutes: { type: 'number' },
        daytime: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
        heartbeatTimeoutMinutes: { type: 'number' },
        cooldownMinutes: { type: 'number' },
      },
    },
    alarms: {
      type: 'object',
      properties: { fall: { type: 'boolean' }, takenOff: { type: 'boolean' }, powerOff: { type: 'boolean' } },
    },
  },
} as const;

export const cardViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    imei: { type: 'string' },
    simNumber: { type: 'string', description: 'E.164' },
    model: { type: 'string' },
    lastSeenAt: nullableDateTime,
    battery: { type: ['integer', 'null'], description: 'percent' },
  },
} as const;

export const elderViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    personId: { type: 'string' },
    name: { type: 'string' },
    householdId: { type: 'string' },
    address: { type: 'string' },
    gridId: { type: 'string' },
    villageId: { type: 'string' },
    notes: { type: 'string', description: 'what a responder should know: conditions, medicines, door code' },
    dialect: { type: ['string', 'null'] },
    settings: settingsView,
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          personId: { type: 'string' },
          role: { type: 'string' },
          position: { type: 'integer' },
          name: { type: 'string' },
          phones: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    cards: { type: 'array', items: cardViewSchema },
    createdAt: dateTime,
  },
} as const;

const contactSchema = {
  type: 'object',
  required: ['personId', 'role'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', minLength: 1, maxLength: 64 },
    role: { type: 'string', enum: ['family', 'grid_worker', 'cadre'] },
    phones: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: { type: 'string', minLength: 3, maxLength: 32 },
      description: "numbers to try in order; default: the person's numbers in the directory",
    },
  },
} as const;

export const contactsBodySchema = {
  type: 'object',
  required: ['contacts'],
  additionalProperties: false,
  properties: {
    contacts: {
      type: 'array',
      maxItems: 5,
      items: contactSchema,
      description: 'in calling order: up to three family, then the grid worker, then a cadre',
    },
  },
} as const;

export const newElderBodySchema = {
  type: 'object',
  required: ['personId'],
  additionalProperties: false,
  properties: {
    personId: { type: 'string', minLength: 1, maxLength: 64, description: 'the elder in the directory' },
    notes: { type: 'string', maxLength: 2000 },
    dialect: { type: 'string', maxLength: 40 },
    settings: settingsSchema,
    contacts: contactsBodySchema.properties.contacts,
  },
} as const;

export const elderPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    notes: { type: 'string', maxLength: 2000 },
    dialect: { type: ['string', 'null'], maxLength: 40 },
    settings: settingsSchema,
  },
} as const;

export const newCardBodySchema = {
  type: 'object',
  required: ['imei', 'simNumber'],
  additionalProperties: false,
  properties: {
    imei: {
      type: 'string',
      pattern: '^[0-9]{10,16}$',
      description: 'the device id the card sends in every frame',
    },
    simNumber: { type: 'string', minLength: 3, maxLength: 32, description: "the card's own phone number" },
    model: { type: 'string', maxLength: 64 },
  },
} as const;

export const cardCommandBodySchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: {
      type: 'string',
      enum: ['sync-contacts', 'set-report-interval', 'locate-now'],
      description:
        'sync-contacts: SOS numbers and phonebook from the contact list; set-report-interval: seconds between positions; locate-now: report a position at once',
    },
    seconds: { type: 'integer', description: 'set-report-interval only' },
  },
} as const;

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;
