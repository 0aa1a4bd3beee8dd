import { dateTime, nullableDateTime } from '../../api/schemas/common';

const priority = { type: 'string', enum: ['normal', 'important', 'emergency'] } as const;
const idList = {
  type: 'array',
  maxItems: 5000,
  items: { type: 'string', minLength: 1, maxLength: 64 },
} as const;

export const createZoneBodySchema = {
  type: 'object',
  required: ['village', 'name'],
  additionalProperties: false,
  properties: {
    village: { type: 'string', minLength: 1, maxLength: 64, description: 'the village, by id or code' },
    name: { type: 'string', minLength: 1, maxLength: 60 },
  },
} as const;

export const zoneSchema = {
  type: 'object',
  required: ['id', 'villageId', 'name'],
  properties: { id: { type: 'string' }, villageId: { type: 'string' }, name: { type: 'string' } },
} as const;

export const createSpeakerBodySchema = {
  type: 'object',
  required: ['name', 'area', 'kind', 'endpoint'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 80 },
    area: { type: 'string', minLength: 1, maxLength: 64, description: 'the village or grid, by id or code' },
    zoneId: { type: 'string', minLength: 1, maxLength: 64 },
    latitude: { type: 'number', minimum: -90, maximum: 90 },
    longitude: { type: 'number', minimum: -180, maximum: 180 },
    kind: { type: 'string', enum: ['sip', 'mqtt'] },
    endpoint: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$',
      description: 'the SIP endpoint (sip) or the MQTT device id (mqtt)',
    },
    volume: { type: 'integer', minimum: 0, maximum: 100, default: 80 },
    priorityFloor: {
      ...priority,
      default: 'normal',
      description: 'broadcasts below this are not played here',
    },
  },
} as const;

export const speakerSchema = {
  type: 'object',
  required: ['id', 'name', 'areaId', 'villageId', 'kind', 'endpoint', 'volume', 'priorityFloor', 'online'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    areaId: { type: 'string' },
    villageId: { type: 'string' },
    zoneId: { type: ['string', 'null'] },
    latitude: { type: ['number', 'null'] },
    longitude: { type: ['number', 'null'] },
    kind: { type: 'string', enum: ['sip', 'mqtt'] },
    endpoint: { type: 'string' },
    volume: { type: 'integer' },
    priorityFloor: priority,
    online: { type: 'boolean', description: 'reachable now (presence and a recent heartbeat)' },
    lastSeenAt: nullableDateTime,
  },
} as const;

export const speakerListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { village: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const createBroadcastBodySchema = {
  type: 'object',
  required: ['content', 'targets'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: 80 },
    priority: { ...priority, description: 'normal (default) < important < emergency, which preempts normal' },
    content: {
      type: 'object',
      additionalProperties: false,
      description: 'text to speak (Mandarin TTS) or an uploaded recording (POST /api/v1/broadcasts/audio)',
      properties: {
        text: { type: 'string', maxLength: 2000 },
        audioFileId: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    chime: { type: 'boolean', description: 'a chime first (default: for important and emergency)' },
    repeat: { type: 'integer', minimum: 1, maximum: 3, default: 1 },
    drill: { type: 'boolean', description: 'an exercise: "演练：" is spoken first', default: false },
    targets: {
      type: 'object',
      additionalProperties: false,
      properties: {
        villages: { ...idList, description: 'villages by id or code' },
        grids: { ...idList, description: 'grids by id or code' },
        zones: { ...idList, description: 'speaker zones by id' },
        speakers: { ...idList, description: 'single speakers by id' },
      },
    },
    schedule: {
      type: 'object',
      additionalProperties: false,
      description: 'absent: now; at: once then; cron (Asia/Shanghai) with endAt: recurring',
      properties: {
        at: { type: 'string', maxLength: 40 },
        cron: {
          type: 'string',
          maxLength: 100,
          description: 'minute hour day month weekday, e.g. "0 8 * * *"',
        },
        startAt: { type: 'string', maxLength: 40 },
        endAt: { type: 'string', maxLength: 40 },
        skipHolidays: { type: 'boolean', description: 'skip statutory public holidays (国庆节, 春节…)' },
      },
    },
    validMinutes: {
      type: 'number',
      minimum: 0.05,
      maximum: 1440,
      description: 'how long offline or busy speakers are tried again (default 30, 60 for emergency)',
    },
  },
} as const;

const deliverySchema = {
  type: 'object',
  required: ['speakerId', 'speakerName', 'occurrence', 'state'],
  properties: {
    speakerId: { type: 'string' },
    speakerName: { type: 'string' },
    kind: { type: 'string', enum: ['sip', 'mqtt'] },
    occurrence: dateTime,
    state: {
      type: 'string',
      enum: ['pending', 'sent', 'playing', 'finished', 'failed', 'preempted'],
    },
    reason: {
      type: ['string', 'null'],
      description: 'why it failed or waits: offline, busy, refused, expired, preempted',
    },
    attempts: { type: 'integer' },
    startedAt: nullableDateTime,
    secondsPlayed: { type: ['number', 'null'] },
  },
} as const;

export const broadcastSchema = {
  type: 'object',
  required: ['id', 'title', 'priority', 'status'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    priority,
    status: { type: 'string', enum: ['scheduled', 'playing', 'done', 'cancelled'] },
    text: { type: ['string', 'null'] },
    audioFileId: { type: ['string', 'null'] },
    chime: { type: 'boolean' },
    repeat: { type: 'integer' },
    drill: { type: 'boolean' },
    startAt: nullableDateTime,
    cron: { type: ['string', 'null'] },
    endAt: nullableDateTime,
    skipHolidays: { type: 'boolean' },
    validMinutes: { type: 'number' },
    alertIdentifier: { type: ['string', 'null'] },
    createdAt: dateTime,
    summary: {
      type: 'object',
      additionalProperties: { type: 'integer' },
      description: 'deliveries by state',
    },
    deliveries: { type: 'array', items: deliverySchema },
  },
} as const;
