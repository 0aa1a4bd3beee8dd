import { audit } from '../../audit/audit-log';
import { requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { CampaignServices } from '../campaign-services';
import { campaignResults, type HouseholdResult } from '../view/campaign-results';
import { doorToDoorLists } from '../view/door-to-door-lists';
import { notifyGridWorkers } from '../view/notify-grid-workers';
import { resultsCsv } from '../view/results-csv';
import { RESULTS_HEADERS, resultRows } from '../view/results-table';
import { resultsXlsx } from '../view/results-xlsx';
import { visibleCampaign, wholeCampaign } from './campaign-access';
import {
  exportQuerySchema,
  notifyQuerySchema,
  resultsPageSchema,
  resultsQuerySchema,
} from './campaign-schemas';

const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');
const organisers = requireRole('CADRE', 'DISPATCHER');
const EXPORT_PAGE = 1000;
const looseObject = { type: 'object', additionalProperties: true } as const;

/** Results per household, exports, and the door-to-door lists for what calling could not reach. */
export function resultRoutes(services: CampaignServices): RouteRegistrar {
  const { platform } = services;
  const db = platform.database.db;
  return mountedAt('/api/v1/campaigns', async (app) => {
    app.get(
      '/:id/results',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'Each household’s outcome and the timeline of its attempts, page by page',
          params: idParamsSchema,
          querystring: resultsQuerySchema,
          response: { 200: resultsPageSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { campaign, gridIds } = await visibleCampaign(request, db, request.params.id);
        const { limit, offset, state, outcome } = request.query;
        const page = await campaignResults(db, campaign, { limit, offset, state, outcome, gridIds });
        return { ...page, limit, offset, drill: campaign.drill };
      },
    );

    app.get(
      '/:id/export',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'All results as CSV (UTF-8 with BOM, opens in Chinese Excel) or XLSX',
          params: idParamsSchema,
          querystring: exportQuerySchema,
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
          response: {
            200: {
              description: 'the file, named after the campaign (Content-Disposition)',
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            },
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { campaign, gridIds } = await visibleCampaign(request, db, request.params.id);
        const all: HouseholdResult[] = [];
        for (let offset = 0; ; offset += EXPORT_PAGE) {
          const page = await campaignResults(db, campaign, { limit: EXPORT_PAGE, offset, gridIds });
          all.push(...page.items);
          if (all.length >= page.total || page.items.length === 0) break;
        }
        const rows = resultRows(all, campaign.drill);
        const filename = `campaign-${campaign.id}.${request.query.format}`;
        reply.header(
          'content-disposition',
          `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${campaign.name}.${request.query.format}`)}`,
        );
        if (request.query.format === 'xlsx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await resultsXlsx(campaign.name, RESULTS_HEADERS, rows));
        }
        return reply.type('text/csv; charset=utf-8').send(resultsCsv(RESULTS_HEADERS, rows));
      },
    );

    app.get(
      '/:id/door-to-door',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'Households calling could not reach, grouped by the grid worker who visits them',
          params: idParamsSchema,
          response: { 200: looseObject, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { campaign, gridIds } = await visibleCampaign(request, db, request.params.id);
        return doorToDoorLists(db, campaign, gridIds);
      },
    );

    app.post(
      '/:id/notify-grid-workers',
      {
        preHandler: organisers,
        schema: {
          tags: ['campaigns'],
          summary:
            'Call each grid worker with households to visit: 您网格内有N户未接通，名单已发送 (1 to acknowledge)',
          params: idParamsSchema,
          querystring: notifyQuerySchema,
          response: { 202: looseObject, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const campaign = await wholeCampaign(request, db, request.params.id);
        const view = await doorToDoorLists(db, campaign, null);
        const result = await notifyGridWorkers(
          { db, queue: platform.queues.calls, trunks: platform.env.TRUNKS },
          campaign,
          view,
          request.query.again,
        );
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'campaign.notify-grid-workers',
          subject: `campaign:${campaign.id}`,
          details: { called: result.called.length, skipped: result.skipped.length },
        });
        return reply.code(202).send(result);
      },
    );
  });
}
