import {
  campaignActualJson,
  campaignDefinitionJson,
  campaignPredictionJson,
} from '../../src/campaigns/campaign-json';
import { loadCampaign } from '../../src/campaigns/campaign-record';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { storedFixture } from '../fixtures/json/read-fixture';

/** Campaign columns as the previous deploy wrote them: no version, the definition with its rendered prompts. */
const definitionV1 = storedFixture('campaign-definition.v1.json');
const predictionV1 = storedFixture('campaign-prediction.v1.json');
const actualV1 = storedFixture('campaign-actual.v1.json');

describe('Campaign JSON written by the previous deploy', () => {
  it('reads the definition as version 2: the same campaign, without the stored prompts', () => {
    const definition = campaignDefinitionJson.read('c-1', definitionV1);
    expect(definition).not.toHaveProperty('prompts');
    expect(definition).toMatchObject({
      message: { kind: 'tts', text: '明天上午九点在村委会参加防汛演练。' },
      window: { start: '08:00', end: '20:30', excludedDates: ['2026-11-25'] },
      settings: { answeringMachine: 'retry-later', announceMenu: true },
      drill: true,
    });
    expect(definition.menu.options.map((o) => o.label)).toEqual(['确认', '不能参加', '重听']);
    expect(campaignDefinitionJson.write(definition)).toMatchObject({ version: 2 });
  });

  it('reads the prediction and the actual figures with their dates', () => {
    const prediction = campaignPredictionJson.read('c-1', predictionV1);
    expect(prediction.predictedEnd).toEqual(new Date('2026-11-21T01:12:40.000Z'));
    expect(prediction).toMatchObject({ predictedAttempts: 3187, basis: 'defaults' });
    const actual = campaignActualJson.read('c-1', actualV1);
    expect(actual.endedAt).toEqual(new Date('2026-11-21T01:20:02.000Z'));
    expect(actual.comparison?.attempts).toEqual({
      predicted: 3187,
      actual: 3020,
      relativeError: -0.0523997489739567,
    });
  });

  it('writes dates as ISO strings under the current version, and reads them back', () => {
    const actual = campaignActualJson.read('c-1', actualV1);
    const written = campaignActualJson.write(actual);
    expect(written).toMatchObject({ version: 1, endedAt: '2026-11-21T01:20:02.000Z' });
    expect(campaignActualJson.read('c-1', written)).toEqual(actual);
  });

  it('refuses a definition without its retry policy, naming the campaign and the field', () => {
    const corrupt = { ...(definitionV1 as Record<string, unknown>) };
    delete corrupt.retry;
    expect(() => campaignDefinitionJson.read('c-9', corrupt)).toThrow(
      /^Campaign\.definition of row c-9 cannot be read: as version 1: retry: /,
    );
  });
});

describe('loadCampaign with a row the previous deploy wrote', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('campjson');
  });
  afterAll(() => database.drop());

  it('reads every JSON column, upgraded', async () => {
    await database.db.$executeRaw`
      INSERT INTO "Campaign" ("id", "name", "createdBy", "trunk", "channelCap", "cpsCap", "definition", "prediction", "actual", "updatedAt")
      VALUES ('c-1', '东村秋季防汛演练通知', 'test', 'pstn', 10, 5,
        ${JSON.stringify(definitionV1)}::jsonb, ${JSON.stringify(predictionV1)}::jsonb,
        ${JSON.stringify(actualV1)}::jsonb, now())`;
    const campaign = await loadCampaign(database.db, 'c-1');
    expect(campaign?.definition).not.toHaveProperty('prompts');
    expect(campaign?.definition.trunk).toBe('pstn');
    expect(campaign?.prediction?.startsAt).toEqual(new Date('2026-11-21T00:00:00.000Z'));
    expect(campaign?.actual?.attempts).toBe(3020);
  });
});
