import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AudioLinks } from './audio-links';
import { byteRange } from './byte-range';

/** How long a file read stays good without asking the file system again. */
const FRESH_MS = 1000;

/**
 * A broadcast's WAV in memory: a village-wide emergency has every speaker fetch the same file at once.
 * The first request reads it and every request meanwhile waits for that one read (a thousand reads of
 * the same file at once were a third of this server's time). A file is only ever replaced whole
 * (written aside, then renamed): its modification time is checked once a second, not once a request.
 */
class AudioFileCache {
  private last: { file: string; mtimeMs: number; checkedMs: number; bytes: Promise<Buffer> } | null = null;

  async read(file: string, nowMs: number): Promise<Buffer> {
    const last = this.last;
    if (last?.file === file && nowMs - last.checkedMs < FRESH_MS) return last.bytes;
    const checking = stat(file).then(({ mtimeMs }) =>
      last?.file === file && last.mtimeMs === mtimeMs
        ? { mtimeMs, bytes: last.bytes }
        : { mtimeMs, bytes: readFile(file) },
    );
    // Its modification time is known once the check is done.
    const entry = { file, mtimeMs: NaN, checkedMs: nowMs, bytes: checking.then((c) => c.bytes) };
    this.last = entry;
    void checking.then(
      (c) => (entry.mtimeMs = c.mtimeMs),
      // A file that could not be read is asked for again by the next request.
      () => this.last === entry && (this.last = null),
    );
    return entry.bytes;
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
    const nowMs = Date.now();
    if (!BROADCAST_ID.test(broadcast) || !(await options.links.verify(grant, sig, nowMs))) {
      return reply.code(403).send({ error: 'forbidden', message: 'this link is not valid (or has expired)' });
    }
    let bytes: Buffer;
    try {
      bytes = await cache.read(path.join(options.mediaDir, 'broadcasts', `${broadcast}.wav`), nowMs);
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
