import { audit } from '../../audit/audit-log';
import { requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { HttpError } from '../../api/errors';
import { errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { loadAreaTree } from '../../directory/area-tree';
import type { CampaignServices } from '../campaign-services';
import { AudioFileError } from '../../speech/audio-file-error';
import { createCampaign } from '../create/create-campaign';
import { trunkForAttempt } from '../domain';
import { parseAudienceList } from '../create/parse-audience-list';
import { campaignView } from './campaign-view';
import {
  audienceListRejectedSchema,
  audienceListSchema,
  campaignCreatedSchema,
  createCampaignBodySchema,
  createCampaignQuerySchema,
  uploadQuerySchema,
} from './campaign-schemas';
import { uploadBodySchema, uploadedBytes } from '../../api/uploaded-bytes';

const organisers = requireRole('CADRE', 'DISPATCHER');

/** Creating campaigns, and the lists and recordings a campaign may use. */
export function createRoutes(services: CampaignServices): RouteRegistrar {
  const { platform } = services;
  const db = platform.database.db;
  return mountedAt('/api/v1/campaigns', async (app) => {
    app.post(
      '',
      {
        preHandler: organisers,
        schema: {
          tags: ['campaigns'],
          summary: 'Create a campaign (calls start at once, paced to the trunk) and see its predicted course',
          description:
            'Every problem is reported at once as field errors (400) and nothing is created. The response ' +
            'carries the capacity planner’s prediction, from earlier campaigns’ calls when there are enough.',
          querystring: createCampaignQuerySchema,
          body: createCampaignBodySchema,
          response: {
            200: campaignCreatedSchema,
            201: campaignCreatedSchema,
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const created = await createCampaign(
          {
            db,
            // Fresh, not the request cache: campaigns are rare and must see areas created a moment ago.
            tree: await loadAreaTree(db),
            lists: services.lists,
            uploads: platform.uploads,
            prompts: platform.prompts,
            trunks: platform.env.TRUNKS,
            queues: services.queues,
          },
          request.body,
          { actor: actorOf(principal), scopeAreaId: principal.areaId },
          { dryRun: request.query.dryRun },
        );
        // Created either way; the cadre is told why nobody is called yet (no trunk of its group is reachable).
        const home = platform.env.TRUNKS.find((t) => t.name === created.campaign?.trunk);
        const down = new Set(platform.calls.status().flatMap((s) => (s.connected ? [] : [s.server])));
        const isUp = (server: string) => !down.has(server);
        const engineDown =
          home !== undefined && !isUp(trunkForAttempt(home, platform.env.TRUNKS, isUp).server);
        const body = {
          ...created,
          campaign: created.campaign && campaignView(created.campaign),
          waitingFor: created.campaign && engineDown ? ('telephony-engine' as const) : null,
        };
        return reply.code(created.campaign ? 201 : 200).send(body);
      },
    );

    app.post(
      '/audience-lists',
      {
        preHandler: organisers,
        schema: {
          tags: ['campaigns'],
          summary: 'Upload a list of numbers to call (CSV, UTF-8 or GBK); de-duplicated by number',
          description:
            'A header naming a phone column (电话, 手机, phone) and optionally a name or address column, or no ' +
            'header (number, label). Returns the list id for audience.listId; kept 7 days.',
          querystring: uploadQuerySchema,
          body: uploadBodySchema(['text/csv'], 'the CSV file itself'),
          response: {
            201: audienceListSchema,
            422: audienceListRejectedSchema,
            ...errorResponses(400, 401, 403, 413, 415),
          },
        },
      },
      async (request, reply) => {
        const parsed = parseAudienceList(await uploadedBytes(request.body, 'the CSV'));
        const keep =
          parsed.errors.length === 0 || (request.query.mode === 'valid-only' && parsed.rows.length > 0);
        const summary = { rows: parsed.rows.length, errors: parsed.errors, duplicates: parsed.duplicates };
        if (!keep) {
          return reply.code(422).send({
            error: 'list_rejected',
            message: `nothing was kept: ${parsed.errors.length} problem(s); fix them or upload with mode=valid-only`,
            ...summary,
          });
        }
        const actor = actorOf(principalOf(request));
        const list = await services.lists.save(parsed.rows, actor);
        await audit(db, {
          actor,
          action: 'campaign.audience-list.upload',
          subject: `audience-list:${list.id}`,
          details: { rows: parsed.rows.length },
        });
        return reply.code(201).send({ id: list.id, ...summary });
      },
    );

    app.post(
      '/audio',
      {
        preHandler: organisers,
        schema: {
          tags: ['campaigns'],
          summary: 'Upload a recorded message (WAV) for message.audioFileId',
          body: uploadBodySchema(['audio/wav', 'audio/x-wav'], 'the WAV file itself'),
          response: {
            201: { type: 'object', properties: { id: { type: 'string' }, durationMs: { type: 'integer' } } },
            ...errorResponses(400, 401, 403, 413, 415),
          },
        },
      },
      async (request, reply) => {
        try {
          const saved = await platform.uploads.save(await uploadedBytes(request.body, 'the WAV recording'));
          return reply.code(201).send({ id: saved.id, durationMs: saved.durationMs });
        } catch (err) {
          if (err instanceof AudioFileError) throw new HttpError(400, 'bad_request', err.message);
          throw err;
        }
      },
    );
  });
}
