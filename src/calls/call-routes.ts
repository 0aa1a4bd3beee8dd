import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { audit } from '../api/audit';
import { requireRole } from '../api/auth/authorize';
import { actorOf, principalOf } from '../api/auth/principal';
import { notFound } from '../api/errors';
import { errorResponses, idParamsSchema, nullableDateTime, type IdParams } from '../api/schemas/common';
import type { TrunkConfig } from '../config/telephony-config';
import type { Db } from '../db/client';
import { InvalidInputError } from '../directory/errors';
import { parseChinesePhoneNumber } from '../directory/phone';
import { requestCall, type PlaceCallData } from './place-call';

interface CallBody {
  trunk: string;
  destination: string;
  callerId?: string;
  text?: string;
  prompt?: string;
  digits?: string;
  ringTimeoutSeconds?: number;
}

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
    prompt: { type: 'string', pattern: '^[A-Za-z0-9/_.-]{1,200}$', description: 'a sound Asterisk has' },
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
      description: 'answered, busy, no-answer, rejected, invalid-number, failed, unknown',
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
export function callRoutes(deps: { db: Db; queue: Queue<PlaceCallData>; trunks: TrunkConfig[] }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: CallBody }>(
      '/api/v1/calls',
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
        const callId = randomUUID();
        await requestCall(deps.db, deps.queue, deps.trunks, {
          callId,
          trunk: body.trunk,
          destination: phone.e164,
          callerId: body.callerId,
          text: body.text,
          prompt: body.prompt,
          digits: body.digits ?? '12',
          ringTimeoutMs: (body.ringTimeoutSeconds ?? 30) * 1000,
        });
        await audit(deps.db, {
          actor: actorOf(principalOf(request)),
          action: 'call.create',
          subject: `call:${callId}`,
        });
        return reply.code(202).send({ id: callId });
      },
    );

    app.get<{ Params: IdParams }>(
      '/api/v1/calls/:id',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['calls'],
          summary: 'A call, its outcome and the digits pressed',
          params: idParamsSchema,
          response: { 200: callViewSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const call = await deps.db.call.findUnique({ where: { id: request.params.id } });
        if (!call) throw notFound(`no call ${request.params.id}`);
        return call;
      },
    );
  };
}
