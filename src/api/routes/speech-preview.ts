import { readFile } from 'node:fs/promises';
import { requireRole } from '../auth/authorize';
import { HttpError } from '../errors';
import { errorResponses } from '../schemas/common';
import { mountedAt, type RouteRegistrar } from '../typed-routes';
import { normaliseForSpeech } from '../../speech/normalise/normalise-for-speech';
import { g711ToPcmWav } from '../../speech/preview-wav';
import type { Codec, TtsProvider } from '../../speech/types';

/** Those who may create campaigns and broadcasts, the only ones who need to hear a message first. */
const organisers = requireRole('CADRE', 'DISPATCHER');

const previewBodySchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    // As long as a campaign message may be; a broadcast's (2000) is shorter.
    text: { type: 'string', minLength: 1, maxLength: 5000, description: 'the message as typed' },
  },
} as const;

/**
 * A message spoken the way households and speakers will hear it: the same normalisation, engine, voice and
 * codec (and so the same cache file) as a campaign or broadcast with this text, for the dashboard to play.
 */
export function speechPreviewRoutes(tts: TtsProvider, codec: Codec): RouteRegistrar {
  return mountedAt('/api/v1/speech', async (app) => {
    app.post(
      '/preview',
      {
        preHandler: organisers,
        schema: {
          tags: ['speech'],
          summary: 'Hear a text message before sending it (WAV, 8 kHz 16-bit PCM)',
          description:
            'Rendered by the same TTS path and cache as campaign messages and broadcast content, then ' +
            'widened from G.711 to PCM so that any browser plays it.',
          body: previewBodySchema,
          produces: ['audio/wav'],
          response: {
            200: { description: 'the WAV file', type: 'string', format: 'binary' },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        if (normaliseForSpeech(request.body.text) === '')
          throw new HttpError(400, 'bad_request', 'text: nothing to say');
        const audio = await tts.synthesize({ text: request.body.text, codec });
        const wav = g711ToPcmWav(await readFile(audio.path), codec);
        return reply.header('cache-control', 'private, no-store').type('audio/wav').send(wav);
      },
    );
  });
}
