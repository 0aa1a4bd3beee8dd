import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError } from '../../directory/errors';
import type { ImportProgress } from '../../directory/import/types';

interface ImportAnswer {
  status: number;
  body: unknown;
}

export interface ImportProgressStream {
  progress(progress: ImportProgress): void;
  /** The answer the plain request would have had, as the stream's last event. */
  finish(answer: ImportAnswer): void;
  /** An import that threw: 409 for a concurrent import, else a logged 500. */
  fail(error: unknown): void;
}

/** Whether the client asked to watch the import (`Accept: text/event-stream`) rather than wait for its answer. */
export function wantsProgress(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * A city's file takes seconds to import: the client sees `event: progress` (an ImportProgress) as rows are
 * checked and households written, then `event: result` with `{ status, body }` — the status and body the
 * plain request would have answered. The HTTP status is 200 from the start.
 */
export function openProgressStream(request: FastifyRequest, reply: FastifyReply): ImportProgressStream {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  const send = (event: string, data: unknown) =>
    out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const finish = (answer: ImportAnswer) => {
    send('result', answer);
    out.end();
  };
  return {
    progress: (progress) => send('progress', progress),
    finish,
    fail: (error) => {
      if (error instanceof ConflictError) {
        finish({ status: 409, body: { error: 'conflict', message: error.message } });
        return;
      }
      request.log.error({ err: error }, 'household import failed');
      finish({
        status: 500,
        body: { error: 'internal', message: `internal error; quote request id ${request.id}` },
      });
    },
  };
}
