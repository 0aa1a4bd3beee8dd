import { randomUUID } from 'node:crypto';
import { campaignDefinitionJson, campaignPredictionJson } from '../../../src/campaigns/campaign-json';
import type { StoredDefinition } from '../../../src/campaigns/campaign-record';
import {
  applyCampaignDefaults,
  DEFAULT_CALL_STATISTICS,
  type CampaignDraft,
} from '../../../src/campaigns/domain';
import type { Db } from '../../../src/db/client';
import type { CampaignStatus } from '../../../src/generated/prisma/client';

/** A campaign stored as createCampaign stores it, without rendering or dialling anything. */
export async function insertCampaign(
  db: Db,
  options: { status?: CampaignStatus; trunk?: string; targets: string[][]; draft?: Partial<CampaignDraft> },
): Promise<{ id: string; targetIds: string[] }> {
  const definition: StoredDefinition = {
    ...applyCampaignDefaults({
      name: '测试',
      audience: { villageIds: ['v'], gridIds: [], householdTags: [], uploadedListId: null },
      message: { kind: 'tts', text: '测试' },
      trunk: options.trunk ?? 'sim-a',
      callerId: '+8657112345678',
      ...options.draft,
    }),
    settings: {
      answeringMachine: 'ignore',
      ringTimeoutSeconds: 5,
      digitTimeoutSeconds: 1,
      announceMenu: false,
    },
  };
  const id = randomUUID();
  const targetIds = options.targets.map(() => randomUUID());
  await db.campaign.create({
    data: {
      id,
      name: definition.name,
      createdBy: 'test',
      status: options.status ?? 'RUNNING',
      trunk: definition.trunk,
      callerId: definition.callerId,
      channelCap: 5,
      cpsCap: 10,
      definition: campaignDefinitionJson.write(definition),
      startedAt: new Date(),
      prediction: campaignPredictionJson.write({
        startsAt: new Date(),
        predictedEnd: new Date(),
        predictedAttempts: 3,
        channelSeconds: 30,
        lowerBoundSeconds: 6,
        callingSeconds: 30,
        predictedReachedHouseholds: 1,
        statistics: DEFAULT_CALL_STATISTICS,
        basis: 'defaults',
      }),
    },
  });
  await db.campaignTarget.createMany({
    data: options.targets.map((numbers, i) => ({
      id: targetIds[i] as string,
      campaignId: id,
      label: `户${i}`,
      numbers,
    })),
  });
  return { id, targetIds };
}
