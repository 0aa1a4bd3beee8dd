import { audit } from '../../audit/audit-log';
import { requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { loadCampaign } from '../campaign-record';
import type { CampaignServices } from '../campaign-services';
import { visibleCampaign, visibleCampaignsWhere, wholeCampaign } from './campaign-access';
import { campaignListQuerySchema, campaignViewSchema } from './campaign-schemas';
import { campaignView } from './campaign-view';

const organisers = requireRole('CADRE', 'DISPATCHER');
const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');

/** Listing and reading campaigns; pausing, resuming and cancelling them at any time. */
export function controlRoutes(services: CampaignServices): RouteRegistrar {
  const db = services.platform.database.db;
  return mountedAt('/api/v1/campaigns', async (app) => {
    app.get(
      '',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'Campaigns within the caller’s area, newest first',
          querystring: campaignListQuerySchema,
          response: {
            200: {
              type: 'object',
              properties: { total: { type: 'integer' }, items: { type: 'array', items: campaignViewSchema } },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const where = {
          ...(request.query.status && { status: request.query.status }),
          ...(await visibleCampaignsWhere(request)),
        };
        const [rows, total] = await Promise.all([
          db.campaign.findMany({
            where,
            select: { id: true },
            orderBy: { createdAt: 'desc' },
            take: request.query.limit,
            skip: request.query.offset,
          }),
          db.campaign.count({ where }),
        ]);
        const items = await Promise.all(rows.map((r) => loadCampaign(db, r.id)));
        return { total, items: items.flatMap((c) => (c ? [campaignView(c)] : [])) };
      },
    );

    app.get(
      '/:id',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'A campaign: definition, status, prediction and (when done) actual figures',
          params: idParamsSchema,
          response: { 200: campaignViewSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => campaignView((await visibleCampaign(request, db, request.params.id)).campaign),
    );

    const change = (verb: 'pause' | 'resume' | 'cancel', summary: string) =>
      app.post(
        `/:id/${verb}`,
        {
          preHandler: organisers,
          schema: {
            tags: ['campaigns'],
            summary,
            params: idParamsSchema,
            response: { 200: campaignViewSchema, ...errorResponses(401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { id } = await wholeCampaign(request, db, request.params.id);
          const changed = await services.control[verb](id);
          await audit(db, {
            actor: actorOf(principalOf(request)),
            action: `campaign.${verb}`,
            subject: `campaign:${id}`,
          });
          return campaignView(changed);
        },
      );
    change('pause', 'Pause: no new calls; calls in progress finish');
    change('resume', 'Resume a paused campaign');
    change('cancel', 'Cancel for good: waiting households are not called; calls in progress finish');
  });
}
