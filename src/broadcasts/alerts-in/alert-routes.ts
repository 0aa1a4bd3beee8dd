import { requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { audit } from '../../audit/audit-log';
import { loadAreaTree } from '../../directory/area-tree';
import { InvalidInputError } from '../../directory/errors';
import { parseAlertXml } from '../alerts/parse-alert-xml';
import { MAX_ALERT_XML_CHARS } from '../alerts/xml-elements';
import type { BroadcastServices } from '../broadcast-services';
import { alertCampaign } from './alert-campaign';
import { alertToBroadcast } from './alert-to-broadcast';

const feeders = requireRole('CADRE', 'DISPATCHER');

const alertOutcomeSchema = {
  type: 'object',
  required: ['action', 'broadcastId', 'cancelled', 'drill', 'unmatchedAreas'],
  properties: {
    action: {
      type: 'string',
      enum: ['broadcast', 'updated', 'cancelled', 'ignored', 'duplicate', 'no-speakers'],
    },
    broadcastId: { type: ['string', 'null'] },
    cancelled: { type: 'array', items: { type: 'string' } },
    drill: { type: 'boolean' },
    unmatchedAreas: { type: 'array', items: { type: 'string' } },
    reason: { type: ['string', 'null'] },
    campaign: {
      description: 'the campaign to the households of the alert’s villages, when asked for (?campaign=true)',
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      ],
    },
  },
} as const;

const alertQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    campaign: {
      type: 'boolean',
      default: false,
      description: 'also call the households of the villages the alert reaches (an emergency campaign)',
    },
    trunk: { type: 'string', maxLength: 64, description: 'the campaign’s trunk (with campaign=true)' },
    callerId: { type: 'string', maxLength: 32, description: 'the campaign’s caller id (with campaign=true)' },
  },
} as const;

/** POST /api/v1/alerts: CAP 1.2 or GB/T 35965.1 XML in, an emergency broadcast out. */
export function alertRoutes(services: BroadcastServices): RouteRegistrar {
  const { platform } = services;
  const db = platform.database.db;
  return mountedAt('/api/v1/alerts', async (app) => {
    for (const type of ['application/xml', 'text/xml', 'application/cap+xml']) {
      app.addContentTypeParser(
        type,
        { parseAs: 'string', bodyLimit: MAX_ALERT_XML_CHARS * 4 },
        (_r, body, done) => done(null, body),
      );
    }
    app.post<{ Body: string; Querystring: { campaign: boolean; trunk?: string; callerId?: string } }>(
      '',
      {
        preHandler: feeders,
        schema: {
          querystring: alertQuerySchema,
          tags: ['broadcasts'],
          summary: 'Feed in an alert (OASIS CAP 1.2 or GB/T 35965.1 XML): an emergency broadcast to its area',
          description:
            'Alert: broadcast to the speakers of the villages its area codes or areaDesc name, and inside its ' +
            'polygons and circles. Update replaces the earlier alert’s broadcast; Cancel stops it; Exercise ' +
            'plays as a drill ("演练："); System and Test are not broadcast. Invalid XML: 400 with the reason.',
          body: { type: 'string', description: 'the alert XML (Content-Type: application/xml)' },
          response: {
            200: alertOutcomeSchema,
            201: alertOutcomeSchema,
            ...errorResponses(400, 401, 403, 415),
          },
        },
      },
      async (request, reply) => {
        const { campaign, trunk, callerId } = request.query;
        if (campaign && (!trunk || !callerId)) {
          throw new InvalidInputError([
            ...(trunk ? [] : [{ field: 'querystring.trunk', reason: 'required with campaign=true' }]),
            ...(callerId ? [] : [{ field: 'querystring.callerId', reason: 'required with campaign=true' }]),
          ]);
        }
        const parsed = parseAlertXml(request.body);
        if (!parsed.ok) throw new InvalidInputError(parsed.problems);
        const principal = principalOf(request);
        const tree = await loadAreaTree(db);
        const creator = { actor: actorOf(principal), scopeAreaId: principal.areaId };
        const outcome = await alertToBroadcast(
          { db, tree, uploads: platform.uploads, jobs: services.jobs, quiet: services.quiet, now: Date.now },
          parsed.alert,
          creator,
          tree,
        );
        await audit(db, {
          actor: creator.actor,
          action: 'broadcast.alert',
          subject: `alert:${parsed.alert.identifier}`,
          details: { msgType: parsed.alert.msgType, status: parsed.alert.status, action: outcome.action },
        });
        const { spoken, ...answer } = outcome;
        const called =
          campaign && spoken && trunk && callerId
            ? await alertCampaign(request.server, {
                authorization: request.headers.authorization ?? '',
                ...spoken,
                drill: outcome.drill,
                trunk,
                callerId,
              })
            : null;
        return reply
          .code(outcome.broadcastId && outcome.action !== 'duplicate' ? 201 : 200)
          .send({ ...answer, campaign: called });
      },
    );
  });
}
