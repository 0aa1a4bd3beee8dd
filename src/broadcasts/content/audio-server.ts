import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AudioLinks } from './audio-links';
import { byteRange } from './byte-range';

/** A broadcast's WAV in memory: a village-wide emergency has every speaker fetch the same file at once. */
class AudioFileCache {
  private last: { file: string; mtimeMs: number; bytes: Buffer } | null = null;

  async read(file: string): Promise<Buffer> {
    const { mtimeMs } = await stat(file);
    if (this.last?.file === file && this.last.mtimeMs === mtimeMs) return this.last.bytes;
    const bytes = await readFile(file);
    this.last = { file, mtimeMs, bytes };
    return bytes;
  }
}

const BROADCAST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Serves broadcast audio to MQTT speakers, on a port of its own: speakers carry no API token, only the
 * signed link linli sent them, good for their own delivery of one broadcast until it expires (the
 * signature covers broadcast, delivery, speaker and expiry, so nothing is looked up per request).
 * Range requests let a speaker on a weak 4G link resume a download.
 */
export async function startAudioServer(options: {
  links: AudioLinks;
  mediaDir: string;
  host: string;
  port: number;
}): Promise<{ server: FastifyInstance; baseUrl: string }> {
  const server = Fastify({ logger: false });
  const cache = new AudioFileCache();
  server.get<{
    Params: { deliveryId: string };
    Querystring: { broadcast?: string; speaker?: string; expires?: string; sig?: string };
  }>('/speaker-audio/:deliveryId', async (request, reply) => {
    const { broadcast = '', speaker = '', expires = '', sig = '' } = request.query;
    const grant = {
      broadcastId: broadcast,
      deliveryId: request.params.deliveryId,
      deviceId: speaker,
      expiresMs: Number(expires),
    };
    if (!BROADCAST_ID.test(broadcast) || !(await options.links.verify(grant, sig, Date.now()))) {
      return reply.code(403).send({ error: 'forbidden', message: 'this link is not valid (or has expired)' });
    }
    let bytes: Buffer;
    try {
      bytes = await cache.read(path.join(options.mediaDir, 'broadcasts', `${broadcast}.wav`));
    } catch {
      return reply.code(404).send({ error: 'not_found', message: 'no audio for this broadcast' });
    }
    const range = byteRange(request.headers.range, bytes.length);
    reply.header('accept-ranges', 'bytes').type('audio/wav');
    if (range === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${bytes.length}`).send();
    }
    if (range === null) return reply.send(bytes);
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`)
      .send(bytes.subarray(range.start, range.end + 1));
  });
  // A village-wide emergency has every speaker fetch at once: a deep accept queue keeps none refused.
  await server.listen({ host: options.host, port: options.port, backlog: 4096 });
  const { port } = server.server.address() as AddressInfo;
  return { server, baseUrl: `http://${options.host}:${port}` };
}
