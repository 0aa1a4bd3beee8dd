import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { HttpError, notFound } from '../../api/errors';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { uploadBodySchema, uploadedBytes } from '../../api/uploaded-bytes';
import { audit } from '../../audit/audit-log';
import { loadAreaTree } from '../../directory/area-tree';
import type { Broadcast } from '../../generated/prisma/client';
import { AudioFileError } from '../../speech/audio-file-error';
import type { BroadcastServices } from '../broadcast-services';
import { createBroadcast } from '../create/create-broadcast';
import { registerSpeakerGauges } from '../speakers/speaker-gauges';
import { broadcastSchema, createBroadcastBodySchema } from './broadcast-schemas';
import { broadcastView } from './broadcast-view';
import { alertRoutes } from '../alerts-in/alert-routes';
import { broadcastBoardRoutes } from './broadcast-board-routes';
import { speakerRoutes } from './speaker-routes';

const organisers = requireRole('CADRE', 'DISPATCHER');
const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');
/** A broadcast recording of a few minutes; 10 MB leaves room for a long WAV. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A broadcast the caller may see: made in their area or below it. */
async function visibleBroadcast(request: FastifyRequest, broadcast: Broadcast | null, id: string) {
  const { areaId } = principalOf(request);
  if (broadcast && areaId !== null) {
    const tree = await request.server.areaTree.get();
    if (broadcast.scopeAreaId === null || !tree.isWithin(broadcast.scopeAreaId, areaId)) broadcast = null;
  }
  if (!broadcast) throw notFound(`no broadcast ${id}`);
  return broadcast;
}

/** Every /api/v1/broadcasts and /api/v1/speakers route. */
export function broadcastRoutes(makeServices: () => BroadcastServices): RouteRegistrar {
  return async (app) => {
    const services = makeServices();
    const { platform } = services;
    const db = platform.database.db;
    app.addHook('onClose', async () => services.close());
    registerSpeakerGauges(db, platform.env.SPEAKER_HEARTBEAT_TIMEOUT_MS);
    await speakerRoutes(services)(app);
    await broadcastBoardRoutes(services)(app);
    await alertRoutes(services)(app);
    await app.register(
      mountedAt('/api/v1/broadcasts', async (routes) => {
        await routes.register(multipart, {
          attachFieldsToBody: true,
          limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
        });
        for (const type of ['audio/wav', 'audio/x-wav']) {
          routes.addContentTypeParser(
            type,
            { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
            (_r, body, done) => done(null, body),
          );
        }

        routes.post(
          '',
          {
            preHandler: organisers,
            schema: {
              tags: ['broadcasts'],
              summary:
                'Schedule a broadcast to loudspeakers: now, at a time, or recurring (cron, Asia/Shanghai)',
              description:
                'Every problem is reported at once as field errors (400) and nothing is written. An emergency ' +
                'stops a normal broadcast playing on the same speakers; its report says "preempted".',
              body: createBroadcastBodySchema,
              response: { 201: broadcastSchema, ...errorResponses(400, 401, 403) },
            },
          },
          async (request, reply) => {
            const principal = principalOf(request);
            const broadcast = await createBroadcast(
              {
                db,
                tree: await loadAreaTree(db),
                uploads: platform.uploads,
                jobs: services.jobs,
                quiet: services.quiet,
                now: Date.now,
              },
              request.body,
              { actor: actorOf(principal), scopeAreaId: principal.areaId },
            );
            return reply.code(201).send(broadcastView(broadcast, []));
          },
        );

        routes.get(
          '/:id',
          {
            preHandler: readers,
            schema: {
              tags: ['broadcasts'],
              summary: 'A broadcast and its per-speaker report (started at, seconds played, or why not)',
              params: idParamsSchema,
              response: { 200: broadcastSchema, ...errorResponses(401, 403, 404) },
            },
          },
          async (request) => {
            const found = await db.broadcast.findUnique({ where: { id: request.params.id } });
            const broadcast = await visibleBroadcast(request, found, request.params.id);
            const deliveries = await db.broadcastDelivery.findMany({
              where: { broadcastId: broadcast.id },
              include: { speaker: { select: { name: true, kind: true } } },
              orderBy: [{ occurrence: 'desc' }, { speakerId: 'asc' }],
            });
            return broadcastView(broadcast, deliveries);
          },
        );

        routes.post(
          '/:id/cancel',
          {
            preHandler: organisers,
            schema: {
              tags: ['broadcasts'],
              summary: 'Cancel a broadcast: no further occurrence, and speakers playing it stop',
              params: idParamsSchema,
              response: { 200: broadcastSchema, ...errorResponses(401, 403, 404) },
            },
          },
          async (request) => {
            const found = await db.broadcast.findUnique({ where: { id: request.params.id } });
            const broadcast = await visibleBroadcast(request, found, request.params.id);
            const cancelled = await db.broadcast.update({
              where: { id: broadcast.id },
              data: { status: 'cancelled' },
            });
            await services.jobs.cancel(broadcast.id);
            await audit(db, {
              actor: actorOf(principalOf(request)),
              action: 'broadcast.cancel',
              subject: `broadcast:${broadcast.id}`,
              details: {},
            });
            return broadcastView(cancelled, []);
          },
        );

        routes.post(
          '/audio',
          {
            preHandler: organisers,
            schema: {
              tags: ['broadcasts'],
              summary: 'Upload a recorded broadcast (WAV) for content.audioFileId',
              body: uploadBodySchema(['audio/wav', 'audio/x-wav'], 'the WAV file itself'),
              response: {
                201: {
                  type: 'object',
                  properties: { id: { type: 'string' }, durationMs: { type: 'integer' } },
                },
                ...errorResponses(400, 401, 403, 413, 415),
              },
            },
          },
          async (request, reply) => {
            try {
              const saved = await platform.uploads.save(
                await uploadedBytes(request.body, 'the WAV recording'),
              );
              return reply.code(201).send({ id: saved.id, durationMs: saved.durationMs });
            } catch (err) {
              if (err instanceof AudioFileError) throw new HttpError(400, 'bad_request', err.message);
              throw err;
            }
          },
        );
      }),
    );
  };
}
