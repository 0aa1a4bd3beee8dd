import { authHeader, type TestPlatform } from '../../test/support/platform';
import { scaledRetryPolicy, type CampaignBenchSettings } from './campaign-bench-settings';

export interface AttemptTimes {
  /** 1 for a household's first dial; later ones are its other numbers and its retries. */
  attemptNo: number;
  number: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: string | null;
}

export interface LinliRun {
  /** Just before the POST that creates (and starts) the campaign. */
  postedAt: number;
  /** How long the POST took: audience, message, targets, queue. */
  createMs: number;
  /** Campaign.completedAt: the moment linli settled the last household. */
  completedAt: number | null;
  /** When each confirming attempt ended (epoch ms): one per confirmed household. */
  confirmedAt: number[];
  /** Households by final outcome. */
  outcomes: Record<string, number>;
  attempts: AttemptTimes[];
}

const POLL_MS = 200;

/** The campaign as a cadre would create it, with the bench's short timeouts and scaled retry delays. */
export function benchCampaignRequest(settings: CampaignBenchSettings, villageCodes: string[]) {
  return {
    name: '九点开会通知',
    audience: { villages: villageCodes },
    message: { text: settings.message },
    announceMenu: false,
    trunk: settings.trunk,
    callerId: settings.callerId,
    ringTimeoutSeconds: settings.ringTimeoutSeconds,
    digitTimeoutSeconds: settings.digitTimeoutSeconds,
    // Around the clock: the bench may run at any hour.
    window: { start: '00:00', end: '24:00' },
    retry: scaledRetryPolicy(settings),
  };
}

/** Creates the campaign through the API and waits (reading its row) until linli completes it. */
export async function runLinliCampaign(
  platform: TestPlatform,
  request: ReturnType<typeof benchCampaignRequest>,
  limitMs: number,
): Promise<LinliRun> {
  const db = platform.database.db;
  const postedAt = Date.now();
  const response = await platform.api.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: authHeader,
    payload: request,
  });
  const createMs = Date.now() - postedAt;
  if (response.statusCode !== 201) {
    throw new Error(`campaign not created (${response.statusCode}): ${response.body.slice(0, 500)}`);
  }
  const campaignId = response.json<{ campaign: { id: string } }>().campaign.id;

  let completedAt: Date | null = null;
  while (Date.now() - postedAt < limitMs) {
    const row = await db.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { completedAt: true },
    });
    completedAt = row.completedAt;
    if (completedAt) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // Out of time: stop dialling so the next run has the trunk to itself (calls up finish by themselves).
  if (!completedAt) {
    await platform.api.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/cancel`,
      headers: authHeader,
    });
  }

  const targets = await db.campaignTarget.groupBy({
    by: ['outcome'],
    where: { campaignId },
    _count: { _all: true },
  });
  const outcomes = Object.fromEntries(targets.map((t) => [t.outcome ?? 'open', t._count._all]));
  const attempts = await db.campaignAttempt.findMany({
    where: { campaignId },
    select: { attemptNo: true, number: true, startedAt: true, endedAt: true, outcome: true },
  });
  return {
    postedAt,
    createMs,
    completedAt: completedAt?.getTime() ?? null,
    confirmedAt: attempts.flatMap((a) =>
      a.outcome === 'confirmed' && a.endedAt ? [a.endedAt.getTime()] : [],
    ),
    outcomes,
    attempts,
  };
}
