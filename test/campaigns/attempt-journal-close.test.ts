/**
 * A process stopping while a campaign call ends: its journal still writes the call's end, and the process
 * closes its database afterwards (a close under a write in flight lost the write, or hung with it).
 */
import { randomUUID } from 'node:crypto';
import { loadCampaign } from '../../src/campaigns/campaign-record';
import { claimAttempt } from '../../src/campaigns/dialer/attempt-claims';
import { AttemptJournal } from '../../src/campaigns/dialer/attempt-journal';
import { ATTEMPT_ID_PREFIX } from '../../src/campaigns/dialer/campaign-job';
import { campaignNotify } from '../../src/campaigns/dialer/campaign-notify';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logging';
import { Q850 } from '../../src/telephony/q850';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { insertCampaign } from './support/campaign-rows';

const TRUNK = 'sim-a';

describe('the attempt journal of a stopping process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('journal_close');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('writes the end of the calls that ended just before it closed, and the database then closes', async () => {
    const fake = new FakeCallControl([TRUNK], { promptMs: 600_000 });
    const numbers = ['+8613930000001', '+8613930000002', '+8613930000003'];
    for (const number of numbers) fake.phone(number, 'press:1');
    const { id, targetIds } = await insertCampaign(database.db, {
      trunk: TRUNK,
      targets: numbers.map((n) => [n]),
    });
    const campaign = await loadCampaign(database.db, id);
    if (!campaign) throw new Error('the campaign is gone');
    const callIds = await Promise.all(
      numbers.map(async (number, i) => {
        const callId = `${ATTEMPT_ID_PREFIX}${randomUUID()}`;
        const targetId = targetIds[i] as string;
        await claimAttempt(database.db, {
          campaignId: id,
          targetId,
          attemptNo: 1,
          callId,
          number,
          trunk: TRUNK,
        });
        await fake.notify(campaignNotify(campaign, callId, number, TRUNK));
        return callId;
      }),
    );
    // The stopping process: its own database connections and journal.
    const own = await openDatabase(database.url);
    const journal = new AttemptJournal(own.db, fake, createLogger('silent'));
    journal.start();

    for (const callId of callIds) await fake.hangup(callId, Q850.NORMAL_CLEARING);
    await journal.close();
    await own.close();

    const rows = await database.db.campaignAttempt.findMany({ where: { id: { in: callIds } } });
    expect(rows.map((r) => r.hangupCause)).toEqual(callIds.map(() => Q850.NORMAL_CLEARING));
    await fake.close();
  });
});
