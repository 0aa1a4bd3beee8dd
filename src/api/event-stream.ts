import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    eventStreams: OpenEventStreams;
  }
}

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
 * The event streams open on a server. They end when it starts closing: a hijacked reply is not the
 * server's to wait for, so a stream would otherwise read on after the process closed its database.
 * Clients reconnect (EventSource does by itself), to another API process if this one is gone.
 */
class OpenEventStreams {
  private readonly ends = new Set<() => void>();

  add(end: () => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }

  endAll(): void {
    for (const end of [...this.ends]) end();
  }
}

export function endEventStreamsOnClose(app: FastifyInstance): void {
  app.decorate('eventStreams', new OpenEventStreams());
  app.addHook('preClose', async () => app.eventStreams.endAll());
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
  const close = () => {
    if (!open) return;
    open = false;
    forget();
    out.end();
  };
  const forget = request.server.eventStreams.add(close);
  request.raw.on('close', close);
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
    end: close,
  };
}
