import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { audit } from '../audit/audit-log';
import { requireRole } from '../api/auth/authorize';
import { actorOf, principalOf } from '../api/auth/principal';
import { errorResponses, idParamsSchema, nullableDateTime } from '../api/schemas/common';
import type { RouteRegistrar } from '../api/server';
import { mountedAt } from '../api/typed-routes';
import type { TrunkConfig } from '../config/telephony-config';
import type { Db } from '../db/client';
import { InvalidInputError } from '../directory/errors';
import { parseChinesePhoneNumber } from '../directory/phone';
import { areaOfNewCall, visibleCall } from './call-access';
import { STANDARD_SOUNDS } from '../telephony/prompt';
import { callView } from './call-view';
import { requestCall, type PlaceCallData } from './place-call';

const callBodySchema = {
  type: 'object',
  required: ['trunk', 'destination'],
  additionalProperties: false,
  properties: {
    trunk: { type: 'string', minLength: 1, maxLength: 64 },
    destination: {
      type: 'string',
      minLength: 3,
      maxLength: 32,
      description: 'phone number, Chinese numbering',
    },
    callerId: { type: 'string', pattern: '^\\+?[0-9]{3,20}$' },
    text: { type: 'string', minLength: 1, maxLength: 500, description: 'message spoken by TTS (Mandarin)' },
    prompt: { type: 'string', enum: STANDARD_SOUNDS, description: 'a standard sound, instead of text' },
    digits: { type: 'string', pattern: '^[0-9*#]{1,12}$', default: '12' },
    ringTimeoutSeconds: { type: 'integer', minimum: 5, maximum: 120, default: 30 },
  },
  oneOf: [{ required: ['text'] }, { required: ['prompt'] }],
} as const;

const callViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trunk: { type: ['string', 'null'] },
    destination: { type: 'string' },
    outcome: {
      type: ['string', 'null'],
      description: 'answered, busy, no-answer, rejected, invalid-number, congestion, failed, unknown',
    },
    digits: { type: 'string', description: 'what the person pressed' },
    hangupCause: { type: ['integer', 'null'] },
    originatedAt: nullableDateTime,
    answeredAt: nullableDateTime,
    endedAt: nullableDateTime,
    events: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

const fieldError = (field: string, reason: string) => new InvalidInputError([{ field, reason }]);

/** Single message-and-digit calls: the smallest thing linli does with a phone. */
export function callRoutes(deps: {
  db: Db;
  queue: Queue<PlaceCallData>;
  trunks: TrunkConfig[];
}): RouteRegistrar {
  return mountedAt('/api/v1/calls', async (app) => {
    app.post(
      '',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['calls'],
          summary: 'Call one number, play a message and capture one digit',
          body: callBodySchema,
          response: {
            202: { type: 'object', properties: { id: { type: 'string' } } },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const phone = parseChinesePhoneNumber(body.destination);
        if (!phone.ok) throw fieldError('destination', phone.reason);
        if (!deps.trunks.some((t) => t.name === body.trunk)) {
          throw fieldError('trunk', `unknown trunk; known: ${deps.trunks.map((t) => t.name).join(', ')}`);
        }
        const areaId = await areaOfNewCall(request, deps.db, phone.e164);
        const callId = randomUUID();
        await requestCall(deps.db, deps.queue, deps.trunks, {
          callId,
          trunk: body.trunk,
          destination: phone.e164,
          callerId: body.callerId,
          text: body.text,
          sound: body.prompt,
          digits: body.digits ?? '12',
          ringTimeoutMs: (body.ringTimeoutSeconds ?? 30) * 1000,
        });
        // Nobody knows the id before the answer below, so no scoped reader can miss the area in between.
        await deps.db.call.update({ where: { id: callId }, data: { areaId } });
        await audit(deps.db, {
          actor: actorOf(principalOf(request)),
          action: 'call.create',
          subject: `call:${callId}`,
        });
        return reply.code(202).send({ id: callId });
      },
    );

    app.get(
      '/:id',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['calls'],
          summary: 'A call, its outcome and the digits pressed',
          params: idParamsSchema,
          response: { 200: callViewSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => callView(await visibleCall(request, deps.db, request.params.id)),
    );
  });
}
