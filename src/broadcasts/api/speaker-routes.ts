import type { FastifyRequest } from 'fastify';
import { areasInScope, requireRole, resolveAreaFilter } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { conflict, notFound } from '../../api/errors';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { audit } from '../../audit/audit-log';
import { InvalidInputError } from '../../directory/errors';
import { isUniqueViolation } from '../../directory/unique-violation';
import { PRIORITY_COLUMN } from '../broadcast-record';
import type { BroadcastServices } from '../broadcast-services';
import { sipPresenceNow } from '../speakers/sip-health';
import { speakerView } from '../speakers/speaker-view';
import {
  createSpeakerBodySchema,
  createZoneBodySchema,
  speakerListQuerySchema,
  speakerSchema,
  zoneSchema,
} from './broadcast-schemas';

const organisers = requireRole('CADRE', 'DISPATCHER');
const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');

/** The village a village or grid belongs to (a grid's parent). */
async function villageOf(request: FastifyRequest, idOrCode: string, field: string) {
  const tree = await request.server.areaTree.getKnowing(idOrCode);
  const area = tree.find(idOrCode);
  const { areaId: scopeId } = principalOf(request);
  const visible = area && (scopeId === null || tree.isWithin(area.id, scopeId));
  if (!area || !visible || (area.level !== 'VILLAGE' && area.level !== 'GRID')) {
    throw new InvalidInputError([{ field, reason: `no village or grid "${idOrCode}" in your area` }]);
  }
  return { area, villageId: area.level === 'VILLAGE' ? area.id : (area.parentId ?? area.id) };
}

/** The speaker registry and its zones: /api/v1/speakers. */
export function speakerRoutes(services: BroadcastServices): RouteRegistrar {
  const { platform } = services;
  const db = platform.database.db;
  const timeout = platform.env.SPEAKER_HEARTBEAT_TIMEOUT_MS;
  return mountedAt('/api/v1/speakers', async (app) => {
    app.post(
      '/zones',
      {
        preHandler: organisers,
        schema: {
          tags: ['broadcasts'],
          summary: 'Create a zone: a named group of one village’s speakers, targeted together',
          body: createZoneBodySchema,
          response: { 201: zoneSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const { area, villageId } = await villageOf(request, request.body.village, 'village');
        if (area.level !== 'VILLAGE')
          throw new InvalidInputError([{ field: 'village', reason: 'not a village' }]);
        try {
          const zone = await db.speakerZone.create({ data: { villageId, name: request.body.name.trim() } });
          return reply.code(201).send(zone);
        } catch (err) {
          if (isUniqueViolation(err)) throw conflict(`the village already has a zone "${request.body.name}"`);
          throw err;
        }
      },
    );

    app.get(
      '/zones',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary: 'Zones in your area',
          response: { 200: { type: 'array', items: zoneSchema }, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const villages = (await areasInScope(request)).map((a) => a.id);
        return db.speakerZone.findMany({ where: { villageId: { in: villages } }, orderBy: { name: 'asc' } });
      },
    );

    app.post(
      '',
      {
        preHandler: organisers,
        schema: {
          tags: ['broadcasts'],
          summary: 'Register a loudspeaker (SIP auto-answer horn or MQTT 4G speaker)',
          body: createSpeakerBodySchema,
          response: { 201: speakerSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const { area, villageId } = await villageOf(request, body.area, 'area');
        if (body.zoneId !== undefined) {
          const zone = await db.speakerZone.findUnique({ where: { id: body.zoneId } });
          if (!zone || zone.villageId !== villageId) {
            throw new InvalidInputError([
              { field: 'zoneId', reason: 'no zone with this id in the speaker’s village' },
            ]);
          }
        }
        // A speaker may be up before it is registered: an MQTT one reported, a SIP one is qualified.
        const presence =
          body.kind === 'mqtt'
            ? await services.presences.recall(body.endpoint)
            : await sipPresenceNow(platform.calls, body.endpoint);
        try {
          const speaker = await db.speaker.create({
            data: {
              name: body.name.trim(),
              areaId: area.id,
              villageId,
              zoneId: body.zoneId ?? null,
              latitude: body.latitude ?? null,
              longitude: body.longitude ?? null,
              kind: body.kind === 'sip' ? 'SIP' : 'MQTT',
              endpoint: body.endpoint,
              volume: body.volume,
              priorityFloor: PRIORITY_COLUMN[body.priorityFloor],
              ...presence,
            },
          });
          await audit(db, {
            actor: actorOf(principalOf(request)),
            action: 'broadcast.speaker.create',
            subject: `speaker:${speaker.id}`,
            details: { endpoint: speaker.endpoint, kind: body.kind },
          });
          return reply.code(201).send(speakerView(speaker, Date.now(), timeout));
        } catch (err) {
          if (isUniqueViolation(err))
            throw conflict(`a speaker with endpoint "${body.endpoint}" is registered already`);
          throw err;
        }
      },
    );

    app.get(
      '',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary: 'Speakers in your area with their health (online, last seen)',
          querystring: speakerListQuerySchema,
          response: { 200: { type: 'array', items: speakerSchema }, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const areas = request.query.village
          ? [(await resolveAreaFilter(request, request.query.village, 'VILLAGE')).id]
          : (await areasInScope(request)).map((a) => a.id);
        const speakers = await db.speaker.findMany({
          where: { OR: [{ areaId: { in: areas } }, { villageId: { in: areas } }] },
          orderBy: { name: 'asc' },
        });
        const now = Date.now();
        return speakers.map((s) => speakerView(s, now, timeout));
      },
    );

    app.get(
      '/:id',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary: 'One speaker and its health',
          params: idParamsSchema,
          response: { 200: speakerSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const speaker = await db.speaker.findUnique({ where: { id: request.params.id } });
        const inScope = new Set((await areasInScope(request)).map((a) => a.id));
        if (!speaker || !inScope.has(speaker.areaId)) throw notFound(`no speaker ${request.params.id}`);
        return speakerView(speaker, Date.now(), timeout);
      },
    );
  });
}
