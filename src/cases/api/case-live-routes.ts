import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { requireRole } from '../../api/auth/authorize';
import { notFound } from '../../api/errors';
import { openEventStream } from '../../api/event-stream';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { byteRange } from '../../broadcasts/content/byte-range';
import type { CaseService } from '../case-service';
import { caseScope, visibleCaseId } from './case-access';

const WORKERS = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const STREAM_TICK_MS = 1000;

const eventStreamResponse = {
  200: {
    description: 'the event stream; it stays open until the client closes it',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  },
} as const;

/**
 * Live cases for the dashboard (a queue and a case that move without a reload) and a case's recorded
 * message for its player. The streams send a version, not the case: the page reads the case again
 * with its own filters, exactly as GET /api/v1/cases… answers it. Read from the database each second,
 * so every API process streams what every worker wrote.
 */
export function caseLiveRoutes(service: CaseService, mediaDir: string): RouteRegistrar {
  const { db } = service;
  const recordings = path.resolve(mediaDir);
  return mountedAt('/api/v1/cases', async (app) => {
    app.get(
      '/stream',
      {
        preHandler: WORKERS,
        schema: {
          tags: ['cases'],
          summary:
            'The queue changed: server-sent events (event: changed) whenever a case in your area moves',
          description:
            'Each `data:` is `{ cases, events, latest }` over the cases in your area: read GET /api/v1/cases ' +
            'again when it differs from the last one.',
          produces: ['text/event-stream'],
          response: { ...eventStreamResponse, ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const scope = await caseScope(request);
        const stream = openEventStream(request, reply);
        while (stream.isOpen()) {
          const figures = await db.governanceCase.aggregate({
            where: scope,
            _count: { _all: true },
            _sum: { eventCount: true },
            _max: { updatedAt: true },
          });
          const data = JSON.stringify({
            cases: figures._count._all,
            events: figures._sum.eventCount ?? 0,
            latest: figures._max.updatedAt,
          });
          stream.sendIfChanged('changed', data, data);
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
        }
        stream.end();
      },
    );

    app.get(
      '/:id/stream',
      {
        preHandler: WORKERS,
        schema: {
          tags: ['cases'],
          summary:
            'A case moved: server-sent events (event: case, `{ seq, state }`) whenever a step is added',
          params: idParamsSchema,
          produces: ['text/event-stream'],
          response: { ...eventStreamResponse, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const stream = openEventStream(request, reply);
        while (stream.isOpen()) {
          const row = await db.governanceCase.findUnique({
            where: { id },
            select: { eventCount: true, state: true, recordingPath: true, transcriptStatus: true },
          });
          if (!row) break;
          const data = JSON.stringify({ seq: row.eventCount, state: row.state });
          // A transcript or recording arriving later changes the case without a step.
          stream.sendIfChanged('case', `${data}${row.recordingPath}${row.transcriptStatus}`, data);
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
        }
        stream.end();
      },
    );

    app.get(
      '/:id/recording',
      {
        preHandler: WORKERS,
        schema: {
          tags: ['cases'],
          summary: "The caller's recorded message (WAV), with byte ranges for a player to seek",
          params: idParamsSchema,
          produces: ['audio/wav'],
          response: {
            200: { description: 'the WAV file', type: 'string', format: 'binary' },
            206: { description: 'the range asked for', type: 'string', format: 'binary' },
            416: { description: 'a range outside the file (empty)', type: 'string', format: 'binary' },
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const row = await db.governanceCase.findUniqueOrThrow({
          where: { id },
          select: { recordingPath: true },
        });
        const file = row.recordingPath ? path.resolve(recordings, row.recordingPath) : null;
        // The path comes from the engine's recording, never from a request; still, nothing outside the folder.
        const size =
          file?.startsWith(`${recordings}${path.sep}`) && file.endsWith('.wav')
            ? await stat(file).then(
                (s) => (s.isFile() ? s.size : null),
                () => null,
              )
            : null;
        if (file === null || size === null) throw notFound(`case ${id} has no recording on this server`);
        const range = byteRange(request.headers.range, size);
        reply.header('accept-ranges', 'bytes').header('cache-control', 'private, no-store').type('audio/wav');
        if (range === 'unsatisfiable') {
          return reply.code(416).header('content-range', `bytes */${size}`).send(Buffer.alloc(0));
        }
        // A message of a minute or two is a megabyte or so: read whole, sent as asked.
        const bytes = await readFile(file);
        if (range === null) return reply.send(bytes);
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .send(bytes.subarray(range.start, range.end + 1));
      },
    );
  });
}
