import { requireRole } from '../../api/auth/authorize';
import { openEventStream } from '../../api/event-stream';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { loadCampaign, type CampaignRecord } from '../campaign-record';
import type { CampaignServices } from '../campaign-services';
import { callingTrunk } from '../dialer/calling-trunk';
import { campaignProgress } from '../view/campaign-progress';
import { visibleCampaign } from './campaign-access';
import { progressSchema } from './campaign-schemas';

const readers = requireRole('CADRE', 'DISPATCHER', 'GRID_WORKER');
const STREAM_TICK_MS = 1000;
const FINISHED = ['COMPLETED', 'CANCELLED'];

/** Live progress: one reading, or a server-sent event stream that ends when the campaign does. */
export function progressRoutes(services: CampaignServices): RouteRegistrar {
  const { platform } = services;
  const db = platform.database.db;
  const callingTrunkNow = async (campaign: CampaignRecord) => {
    // A trunk taken out of TRUNKS since: its campaigns' progress still reads.
    const configured = services.queues.configured().some((t) => t.name === campaign.trunk);
    const name = configured
      ? callingTrunk(platform.calls, services.queues, campaign.trunk).name
      : campaign.trunk;
    return { name, backoff: await services.backoff.state(name) };
  };
  return mountedAt('/api/v1/campaigns', async (app) => {
    app.get(
      '/:id/progress',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'Households by state and outcome, calls in flight, channels in use, ETA',
          params: idParamsSchema,
          response: { 200: progressSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { campaign, gridIds } = await visibleCampaign(request, db, request.params.id);
        return campaignProgress(db, platform.calls, campaign, await callingTrunkNow(campaign), gridIds);
      },
    );

    app.get(
      '/:id/progress/stream',
      {
        preHandler: readers,
        schema: {
          tags: ['campaigns'],
          summary: 'Progress as server-sent events (event: progress, about once a second while it changes)',
          description:
            'Each `data:` is a progress object as GET …/progress returns it; the stream ends with `event: end`.',
          params: idParamsSchema,
          produces: ['text/event-stream'],
          response: { ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { campaign, gridIds } = await visibleCampaign(request, db, request.params.id);
        const stream = openEventStream(request, reply);
        for (let current = campaign; stream.isOpen();) {
          const progress = await campaignProgress(
            db,
            platform.calls,
            current,
            await callingTrunkNow(current),
            gridIds,
          );
          // Compared without its timestamp, so an unchanged campaign sends nothing but keep-alives.
          stream.sendIfChanged(
            'progress',
            JSON.stringify({ ...progress, at: null }),
            JSON.stringify(progress),
          );
          if (FINISHED.includes(progress.status)) {
            stream.send('end', '{}');
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
          current = (await loadCampaign(db, campaign.id)) ?? current;
        }
        stream.end();
      },
    );
  });
}
