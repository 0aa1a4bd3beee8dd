import { randomUUID } from 'node:crypto';
import { claimAttempt } from '../../src/campaigns/dialer/attempt-claims';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertCampaign } from './support/campaign-rows';

const A = '+8613800138000';

describe('claiming an attempt before dialling, in the real PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const db = () => database.db;
  const claim = (campaignId: string, targetId: string, attemptNo = 1) =>
    claimAttempt(db(), {
      campaignId,
      targetId,
      attemptNo,
      callId: `cmp-${randomUUID()}`,
      number: A,
      trunk: 'pstn',
    });

  it('marks the household as being dialled and writes the attempt row with its number and start', async () => {
    const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
    const target = targetIds[0] as string;
    const before = Date.now();
    expect(await claim(id, target)).toBe(true);
    expect(await db().campaignTarget.findUnique({ where: { id: target } })).toMatchObject({
      state: 'DIALING',
      attemptCount: 1,
      nextAttemptAt: null,
    });
    const [attempt] = await db().campaignAttempt.findMany({ where: { targetId: target } });
    expect(attempt).toMatchObject({ campaignId: id, attemptNo: 1, number: A, endedAt: null });
    expect(attempt?.startedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(attempt?.startedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('lets only one of many workers holding the same job dial the household', async () => {
    const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
    const target = targetIds[0] as string;
    const results = await Promise.all(Array.from({ length: 8 }, () => claim(id, target)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db().campaignAttempt.count({ where: { targetId: target } })).toBe(1);
  });

  it.each(['PAUSED', 'CANCELLED', 'COMPLETED'] as const)('dials nobody of a %s campaign', async (status) => {
    const { id, targetIds } = await insertCampaign(db(), { status, targets: [[A]] });
    const target = targetIds[0] as string;
    expect(await claim(id, target)).toBe(false);
    expect(await db().campaignTarget.findUnique({ where: { id: target } })).toMatchObject({
      state: 'PENDING',
      attemptCount: 0,
    });
    expect(await db().campaignAttempt.count({ where: { targetId: target } })).toBe(0);
  });

  it('refuses a stale job: an attempt number the household is not waiting for', async () => {
    const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
    const target = targetIds[0] as string;
    expect(await claim(id, target, 2)).toBe(false);
    expect(await db().campaignAttempt.count({ where: { targetId: target } })).toBe(0);
  });

  it('answers false, without throwing, when the attempt row already exists', async () => {
    const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
    const target = targetIds[0] as string;
    await db().campaignAttempt.create({
      data: { id: `cmp-${randomUUID()}`, campaignId: id, targetId: target, attemptNo: 1, number: A },
    });
    expect(await claim(id, target)).toBe(false);
    expect(await db().campaignAttempt.count({ where: { targetId: target } })).toBe(1);
  });
});
