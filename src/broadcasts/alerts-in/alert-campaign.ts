import type { FastifyInstance } from 'fastify';

/** The campaign an alert asked for, or why there is none. */
export type AlertCampaignOutcome = { id: string } | { error: string };

export interface AlertCampaignRequest {
  /** The caller's Authorization header: the campaign is the caller's, within the caller's area. */
  authorization: string;
  title: string;
  text: string;
  drill: boolean;
  villageCodes: string[];
  trunk: string;
  callerId: string;
}

/** The campaign API's answer to a create, as far as the alert needs it. */
interface CreatedCampaign {
  campaign?: { id: string } | null;
  message?: string;
  fields?: { field: string; reason: string }[];
}

/**
 * Calls every household of the villages an alert reaches, as an emergency campaign with the alert's
 * words. It goes through the campaigns API as the caller would (their token, their area, the same
 * validation and trunk budget), so broadcasts need nothing of the campaigns capability's insides.
 */
export async function alertCampaign(
  app: FastifyInstance,
  request: AlertCampaignRequest,
): Promise<AlertCampaignOutcome> {
  if (request.villageCodes.length === 0) return { error: 'the alert reaches no village with households' };
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: { authorization: request.authorization, 'content-type': 'application/json' },
    payload: {
      name: request.title.slice(0, 100),
      audience: { villages: request.villageCodes },
      message: { text: request.text },
      trunk: request.trunk,
      callerId: request.callerId,
      priority: 'emergency',
      drill: request.drill,
    },
  });
  const body = res.json<CreatedCampaign>();
  if (res.statusCode === 201 && body.campaign) return { id: body.campaign.id };
  const why = body.fields?.map((f) => `${f.field}: ${f.reason}`).join('; ') || body.message || res.body;
  return { error: `campaign not created (${res.statusCode}): ${why}`.slice(0, 500) };
}
