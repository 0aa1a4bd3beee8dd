import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Codec } from '../../../speech/types';
import { telephonyWav } from '../../../speech/wav-file';
import type { MediaUrls } from '../media-urls';
import { BEEP_MEDIA } from '../twiml-prompts';
import { beepWav } from '../wav';

export interface MediaRouteOptions {
  urls: MediaUrls;
  mediaDir: string;
  codec: Codec;
}

/**
 * GET /media/<name>.wav?exp=…&sig=…: a prompt of linli's media folder as WAV, for Twilio's <Play>. The
 * URL's own HMAC is the credential (linli signed it when it wrote the TwiML); anything else is a 403.
 */
export function registerMediaRoute(app: FastifyInstance, options: MediaRouteOptions): void {
  app.get('/media/*', async (request, reply) => {
    const wildcard = (request.params as { '*': string })['*'];
    const query = request.query as Record<string, string | undefined>;
    const name = wildcard.replace(/\.wav$/, '');
    if (!options.urls.verify(name, query.exp ?? '', query.sig ?? '')) {
      return reply.code(403).send({ error: 'Forbidden', message: 'not a valid or current prompt URL' });
    }
    if (name === BEEP_MEDIA) return reply.type('audio/wav').send(beepWav());
    let audio: Buffer;
    try {
      audio = await readFile(path.join(options.mediaDir, `${name}.${options.codec}`));
    } catch {
      return reply.code(404).send({ error: 'Not Found', message: 'no such prompt' });
    }
    return reply.type('audio/wav').send(telephonyWav(audio, options.codec));
  });
}
