import type { FastifyReply, FastifyRequest } from 'fastify';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

export interface EventStream {
  /** False once the client has gone. */
  isOpen(): boolean;
  /** Sends `data` as `event` when `key` differs from the last one sent; otherwise a keep-alive when due. */
  sendIfChanged(event: string, key: string, data: string): void;
  send(event: string, data: string): void;
  end(): void;
}

/**
 * Takes the reply over as a server-sent event stream (live progress, open incidents): the headers that
 * keep it unbuffered, and the bookkeeping that sends a value only when it changed.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): EventStream {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let open = true;
  request.raw.on('close', () => (open = false));
  let last = '';
  let lastWrite = Date.now();
  const send = (event: string, data: string) => {
    out.write(`event: ${event}\ndata: ${data}\n\n`);
    lastWrite = Date.now();
  };
  return {
    isOpen: () => open,
    send,
    sendIfChanged(event, key, data) {
      if (key !== last) {
        send(event, data);
        last = key;
      } else if (Date.now() - lastWrite > KEEP_ALIVE_MS) {
        out.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
    },
    end: () => out.end(),
  };
}
