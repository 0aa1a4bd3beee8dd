import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { isTwilioTrunk } from '../../../config/telephony-config';
import type { Logger } from '../../../logging';
import type { Codec } from '../../../speech/types';
import type { InboundService } from '../../call-events';
import { TwilioKeys } from '../call-keys';
import { TwilioCallStore } from '../call-store';
import { MediaUrls } from '../media-urls';
import { WEBHOOK_PREFIX, type TwilioAccount } from '../twilio-account';
import { TwilioEventBus } from '../twilio-event-bus';
import { WebhookUrls } from '../webhook-urls';
import { CallWebhooks } from './call-webhooks';
import { registerMediaRoute } from './media-route';
import { handleOnce } from './once';
import { signedByTwilio } from './signature';

export interface TwilioWebhookOptions {
  account: TwilioAccount;
  redis: Redis;
  logger: Logger;
  mediaDir: string;
  codec: Codec;
}

type Params = Record<string, string>;
const SERVICES: readonly string[] = ['sos', 'hotline'] satisfies InboundService[];

/** Twilio posts forms; the largest it sends is a few kilobytes. */
const FORM_LIMIT = 64 * 1024;

/**
 * Twilio's webhooks under /twilio: every request must carry a valid X-Twilio-Signature (403 before
 * anything happens otherwise), is handled once however often Twilio retries it, and publishes what it
 * means to every linli process. Prompts are served at /twilio/media with URLs linli signed itself.
 * Stateless: any API process answers any webhook, from Redis.
 */
export async function registerTwilioWebhooks(
  app: FastifyInstance,
  options: TwilioWebhookOptions,
): Promise<void> {
  await app.register(
    async (twilioApp) => {
      const { account, redis } = options;
      const keys = new TwilioKeys(account.keyPrefix);
      const media = new MediaUrls(account.publicUrl, account.authToken);
      const urls = new WebhookUrls(account.publicUrl);
      const bus = new TwilioEventBus(redis, keys, options.logger);
      const calls = new CallWebhooks({
        account,
        store: new TwilioCallStore(redis, keys),
        bus,
        urls,
        media,
        mediaDir: options.mediaDir,
        logger: options.logger,
      });
      const trunks = new Set(account.trunks.filter(isTwilioTrunk).map((t) => t.name));

      // Twilio's side of the API, not linli's: left out of the OpenAPI document.
      twilioApp.addHook('onRoute', (route) => {
        route.schema = { ...route.schema, hide: true } as typeof route.schema;
      });
      twilioApp.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_LIMIT },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      registerMediaRoute(twilioApp, { urls: media, mediaDir: options.mediaDir, codec: options.codec });

      /** A signed, once-only webhook: `handle` runs only for Twilio, and only the first time. */
      const webhook =
        (handle: (request: FastifyRequest, params: Params) => Promise<string> | string) =>
        async (request: FastifyRequest, reply: FastifyReply) => {
          const params = formOf(request.body);
          if (!signedByTwilio(account.authToken, account.publicUrl, request, params)) {
            return reply.code(403).send({ error: 'Forbidden', message: 'not signed by Twilio' });
          }
          const twiml = await handleOnce(redis, keys, { url: request.url, params }, async () =>
            handle(request, params),
          );
          return reply.type('text/xml').send(twiml);
        };
      const callId = (request: FastifyRequest) => (request.params as { callId: string }).callId;
      const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
      const count = (text: string | undefined) => {
        const n = Number(text);
        return Number.isInteger(n) && n >= 0 ? n : 0;
      };

      twilioApp.post(
        '/calls/:callId/answer',
        webhook((r, p) => calls.answer(callId(r), p)),
      );
      twilioApp.post(
        '/calls/:callId/status',
        webhook((r, p) => calls.status(callId(r), p)),
      );
      twilioApp.post(
        '/calls/:callId/key',
        webhook((r, p) => calls.key(callId(r), Math.max(1, count(query(r).play)), p)),
      );
      twilioApp.post(
        '/calls/:callId/message-left',
        webhook((r) => calls.messageLeft(callId(r))),
      );
      twilioApp.post(
        '/calls/:callId/played',
        webhook((r) => calls.played(callId(r))),
      );
      twilioApp.post(
        '/calls/:callId/gathered',
        webhook((r, p) => calls.gathered(callId(r), Math.max(1, count(query(r).max)), p)),
      );
      twilioApp.post(
        '/calls/:callId/recorded',
        webhook((r, p) => calls.recorded(callId(r), query(r).name ?? '', count(query(r).max), p)),
      );
      twilioApp.post(
        '/calls/:callId/park',
        webhook((r) => calls.park(callId(r), count(query(r).minute))),
      );
      twilioApp.post(
        '/bridges/:bridgeId/events',
        webhook((r, p) => calls.bridgeEvent((r.params as { bridgeId: string }).bridgeId, p)),
      );
      twilioApp.post(
        '/inbound-status',
        webhook((_r, p) => calls.inboundStatus(p)),
      );
      twilioApp.post(
        '/inbound/:trunk/:service',
        webhook((r, p) => {
          const { trunk, service } = r.params as { trunk: string; service: string };
          if (!trunks.has(trunk) || !SERVICES.includes(service)) {
            throw Object.assign(new Error(`no Twilio trunk ${trunk} with service ${service}`), {
              statusCode: 404,
            });
          }
          return calls.inbound(trunk, service as InboundService, p, randomUUID());
        }),
      );
    },
    { prefix: WEBHOOK_PREFIX },
  );
}

function formOf(body: unknown): Params {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
