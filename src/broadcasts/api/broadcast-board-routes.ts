import type { FastifyRequest } from 'fastify';
import { areasInScope, requireRole } from '../../api/auth/authorize';
import { principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import { openEventStream } from '../../api/event-stream';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { InvalidInputError } from '../../directory/errors';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { BroadcastServices } from '../broadcast-services';
import { occurrencesBetween } from '../domain/occurrences-between';
import { speakerView } from '../speakers/speaker-view';
import { broadcastListItemSchema, broadcastListQuerySchema } from './broadcast-board-schemas';
import { broadcastView } from './broadcast-view';

const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');
const STREAM_TICK_MS = 1000;
const DAY_MS = 86_400_000;
/** A calendar shows a week or a month; a longer window is a report, not a schedule. */
const LONGEST_WINDOW_MS = 62 * DAY_MS;
const LIST_LIMIT = 200;

const eventStreamResponse = {
  200: {
    description: 'the event stream; it stays open until the client closes it',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  },
} as const;

/** The window asked for: [from, to), by default from a week ago to a week ahead. */
function windowOf(query: { from?: string; to?: string }, nowMs: number): { fromMs: number; toMs: number } {
  const fromMs = query.from === undefined ? nowMs - 7 * DAY_MS : Date.parse(query.from);
  const toMs = query.to === undefined ? fromMs + 14 * DAY_MS : Date.parse(query.to);
  if (!(toMs > fromMs) || toMs - fromMs > LONGEST_WINDOW_MS) {
    throw new InvalidInputError([{ field: 'to', reason: 'must be after from, within 62 days' }]);
  }
  return { fromMs, toMs };
}

/** Broadcasts made in the caller's area or below it (as GET /api/v1/broadcasts/:id allows). */
async function scopeOf(request: FastifyRequest): Promise<Prisma.BroadcastWhereInput> {
  const { areaId } = principalOf(request);
  if (areaId === null) return {};
  const ids = (await request.server.areaTree.get()).subtree(areaId).map((a) => a.id);
  return { scopeAreaId: { in: ids } };
}

/**
 * The broadcasts of a window for the calendar: each with its plays in the window (recurring ones
 * expanded), what it targets and its deliveries counted by state. Unfinished ones are always listed.
 */
async function broadcastsBetween(db: Db, scope: Prisma.BroadcastWhereInput, fromMs: number, toMs: number) {
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const rows = await db.broadcast.findMany({
    where: {
      AND: [
        scope,
        {
          OR: [
            { status: { in: ['scheduled', 'playing'] } },
            { cron: null, startAt: { gte: from, lt: to } },
            { cron: null, startAt: null, createdAt: { gte: from, lt: to } },
            {
              cron: { not: null },
              AND: [
                { OR: [{ endAt: null }, { endAt: { gte: from } }] },
                { OR: [{ startAt: null }, { startAt: { lt: to } }] },
              ],
            },
          ],
        },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: LIST_LIMIT,
  });
  const counts = await db.broadcastDelivery.groupBy({
    by: ['broadcastId', 'state'],
    where: { broadcastId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  return rows.map((row) => {
    const summary: Record<string, number> = {};
    for (const c of counts) if (c.broadcastId === row.id) summary[c.state] = c._count._all;
    return {
      // Its report is GET /:id's: the list's schema leaves `deliveries` out.
      ...broadcastView(row, []),
      summary,
      targets: {
        villages: row.villageIds,
        grids: row.gridIds,
        zones: row.zoneIds,
        speakers: row.speakerIds,
      },
      occurrences: occurrencesBetween(row, fromMs, toMs).map((at) => new Date(at)),
    };
  });
}

/** The caller's speakers and whether each is online, for the map (last seen only when offline). */
async function speakersInScope(request: FastifyRequest, db: Db, heartbeatTimeoutMs: number) {
  const areas = (await areasInScope(request)).map((a) => a.id);
  const rows = await db.speaker.findMany({
    where: { OR: [{ areaId: { in: areas } }, { villageId: { in: areas } }] },
    orderBy: { name: 'asc' },
  });
  const now = Date.now();
  return rows.map((row) => {
    const view = speakerView(row, now, heartbeatTimeoutMs);
    // An online speaker's heartbeat moves lastSeenAt every 30 s: left out, the board changes only when news.
    return view.online ? { ...view, lastSeenAt: null } : view;
  });
}

async function broadcastReport(db: Db, scope: Prisma.BroadcastWhereInput, id: string) {
  const broadcast = await db.broadcast.findFirst({ where: { AND: [{ id }, scope] } });
  if (!broadcast) return null;
  const deliveries = await db.broadcastDelivery.findMany({
    where: { broadcastId: broadcast.id },
    include: { speaker: { select: { name: true, kind: true } } },
    orderBy: [{ occurrence: 'desc' }, { speakerId: 'asc' }],
  });
  return broadcastView(broadcast, deliveries);
}

/**
 * The broadcast board of the dashboard: the calendar's list, and live streams of it (with the speakers'
 * health) and of one broadcast's per-speaker report. Read from the database each second, so every API
 * process streams what every worker wrote.
 */
export function broadcastBoardRoutes(services: BroadcastServices): RouteRegistrar {
  const db = services.platform.database.db;
  const timeout = services.platform.env.SPEAKER_HEARTBEAT_TIMEOUT_MS;
  return mountedAt('/api/v1/broadcasts', async (app) => {
    app.get(
      '',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary:
            'Broadcasts of a window (default: a week back and a week ahead), each with its plays in it',
          description:
            'Unfinished broadcasts are always listed. `occurrences` are the times a broadcast plays within ' +
            '[from, to): its one time, or each fire of its cron pattern (public holidays left out when it ' +
            'skips them). Up to 200, newest first.',
          querystring: broadcastListQuerySchema,
          response: {
            200: { type: 'object', properties: { items: { type: 'array', items: broadcastListItemSchema } } },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const { fromMs, toMs } = windowOf(request.query, Date.now());
        return { items: await broadcastsBetween(db, await scopeOf(request), fromMs, toMs) };
      },
    );

    app.get(
      '/stream',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary: 'The broadcast board as server-sent events (event: board, whenever it changes)',
          description:
            'Each `data:` is `{ items, speakers }`: items as GET /api/v1/broadcasts returns them for the ' +
            'same query, speakers as GET /api/v1/speakers (lastSeenAt only for offline ones).',
          querystring: broadcastListQuerySchema,
          produces: ['text/event-stream'],
          response: { ...eventStreamResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { fromMs, toMs } = windowOf(request.query, Date.now());
        const scope = await scopeOf(request);
        const stream = openEventStream(request, reply);
        while (stream.isOpen()) {
          const data = JSON.stringify({
            items: await broadcastsBetween(db, scope, fromMs, toMs),
            speakers: await speakersInScope(request, db, timeout),
          });
          stream.sendIfChanged('board', data, data);
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
        }
        stream.end();
      },
    );

    app.get(
      '/:id/stream',
      {
        preHandler: readers,
        schema: {
          tags: ['broadcasts'],
          summary: 'A broadcast and its per-speaker report as server-sent events (event: broadcast)',
          description:
            'Each `data:` is the broadcast as GET /api/v1/broadcasts/:id returns it, sent when it changes.',
          params: idParamsSchema,
          produces: ['text/event-stream'],
          response: { ...eventStreamResponse, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request);
        const first = await broadcastReport(db, scope, request.params.id);
        if (!first) throw notFound(`no broadcast ${request.params.id}`);
        const stream = openEventStream(request, reply);
        let report: typeof first | null = first;
        while (stream.isOpen() && report) {
          const data = JSON.stringify(report);
          stream.sendIfChanged('broadcast', data, data);
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
          report = await broadcastReport(db, scope, request.params.id);
        }
        stream.end();
      },
    );
  });
}
