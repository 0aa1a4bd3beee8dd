/**
 * The dialer's attempt lifecycle (dial-attempt, attempt-journal, call-end) run for real, through the
 * campaigns capability's BullMQ worker, the real PostgreSQL and Redis, on a fake engine. The last cases
 * are a worker that died after placing a call whose events then stopped: BullMQ hands its job to another
 * worker (recoverAttempt), and the fake keeps what an answered call did, as Asterisk's AstDB does.
 */
import { randomUUID } from 'node:crypto';
import { loadCampaign } from '../../src/campaigns/campaign-record';
import { claimAttempt } from '../../src/campaigns/dialer/attempt-claims';
import { ATTEMPT_ID_PREFIX } from '../../src/campaigns/dialer/campaign-job';
import { campaignNotify } from '../../src/campaigns/dialer/campaign-notify';
import { TrunkCongested } from '../../src/telephony/errors/trunk-congested';
import { Q850 } from '../../src/telephony/q850';
import { waitFor } from '../support/stack';
import { DialerOnFake, FAKE_TRUNK } from './support/dialer-on-fake';

jest.setTimeout(20_000);

let serial = 0;
/** A number of its own for every phone, so one test's phones never answer another's calls. */
const phone = () => `+86139100${String(++serial).padStart(5, '0')}`;

describe("the dialer's attempt lifecycle on a fake engine", () => {
  let dialer: DialerOnFake;

  beforeAll(async () => {
    dialer = await DialerOnFake.start();
  });

  afterAll(async () => {
    await dialer?.stop();
  });

  it('confirms a household that presses 1 after one call', async () => {
    const number = phone();
    dialer.fake.phone(number, 'press:1');
    const [targetId] = await dialer.campaign([[number]]);

    const target = await dialer.settled(targetId as string);

    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed', attemptCount: 1 });
    expect(target.attempts).toMatchObject([{ number, outcome: 'confirmed', digit: '1' }]);
    expect(target.attempts[0]?.answeredAt).not.toBeNull();
    expect(dialer.dialled(number)).toBe(1);
  });

  it('calls a busy household again after the policy delay, as often as the policy allows', async () => {
    const number = phone();
    dialer.fake.phone(number, 'busy');
    const [targetId] = await dialer.campaign([[number]]);

    const target = await dialer.settled(targetId as string);

    // busy: 2 retries, 0.001 minutes apart.
    expect(target).toMatchObject({ state: 'EXHAUSTED', outcome: 'busy', attemptCount: 3 });
    expect(target.attempts.map((a) => [a.outcome, a.hangupCause])).toEqual([
      ['busy', Q850.USER_BUSY],
      ['busy', Q850.USER_BUSY],
      ['busy', Q850.USER_BUSY],
    ]);
    for (const [earlier, later] of [
      [target.attempts[0], target.attempts[1]],
      [target.attempts[1], target.attempts[2]],
    ]) {
      const gap = (later?.startedAt.getTime() ?? 0) - (earlier?.endedAt?.getTime() ?? Infinity);
      expect(gap).toBeGreaterThanOrEqual(60);
    }
    expect(dialer.dialled(number)).toBe(3);
  });

  it("dials the household's next number at once after the first one fails", async () => {
    const [first, second] = [phone(), phone()];
    // A number that does not exist: the household's own failure (congestion would back off the trunk instead).
    dialer.fake.phone(first, 'reject:404').phone(second, 'press:1');
    const [targetId] = await dialer.campaign([[first, second]]);

    const target = await dialer.settled(targetId as string);

    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed' });
    expect(target.attempts.map((a) => [a.number, a.outcome])).toEqual([
      [first, 'failed'],
      [second, 'confirmed'],
    ]);
    expect(dialer.fake.placed.map((p) => p.destination).filter((n) => n === first || n === second)).toEqual([
      first,
      second,
    ]);
  });

  it('rings nobody and charges no attempt when the trunk is congested on the first dial, then dials again', async () => {
    const number = phone();
    dialer.fake.phone(number, 'press:1').refuseNext(new TrunkCongested(FAKE_TRUNK, 'carrier said 503'));
    const [targetId] = await dialer.campaign([[number]]);

    // The job waits for the trunk's back-off; meanwhile the household is as if it had never been dialled.
    await dialer.delayedJob(targetId as string, 1);
    expect(await dialer.target(targetId as string)).toMatchObject({
      state: 'PENDING',
      attemptCount: 0,
      attempts: [],
    });
    expect(dialer.dialled(number)).toBe(0);

    const target = await dialer.settled(targetId as string);
    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed', attemptCount: 1 });
    expect(target.attempts).toHaveLength(1);
    expect(dialer.dialled(number)).toBe(1);
  });

  it('rings nobody and charges no attempt while the engine is unreachable, then dials once it is back', async () => {
    const number = phone();
    dialer.fake.phone(number, 'press:1').setConnected(false);
    const [targetId] = await dialer.campaign([[number]]);

    await dialer.delayedJob(targetId as string, 1);
    expect(await dialer.target(targetId as string)).toMatchObject({
      state: 'PENDING',
      attemptCount: 0,
      attempts: [],
    });

    dialer.fake.setConnected(true);
    const target = await dialer.settled(targetId as string);
    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed', attemptCount: 1 });
    expect(dialer.dialled(number)).toBe(1);
  });

  it('waits for a call whose placement answer was lost as a call in progress, and never dials it twice', async () => {
    const number = phone();
    dialer.fake.phone(number, 'press:1').loseAnswerOfNextNotify();
    const [targetId] = await dialer.campaign([[number]]);

    const target = await dialer.settled(targetId as string);

    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed', attemptCount: 1 });
    expect(target.attempts).toMatchObject([{ outcome: 'confirmed', digit: '1' }]);
    expect(dialer.dialled(number)).toBe(1);
  });

  it('records an undialable number as invalid, never rings it, and moves on to the next number', async () => {
    const good = phone();
    const undialable = '+86';
    dialer.fake.phone(good, 'press:1');
    const [targetId] = await dialer.campaign([[undialable, good]]);

    const target = await dialer.settled(targetId as string);

    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed' });
    expect(target.attempts.map((a) => [a.number, a.outcome, a.hangupCause])).toEqual([
      [undialable, 'failed', Q850.INVALID_NUMBER_FORMAT],
      [good, 'confirmed', Q850.NORMAL_CLEARING],
    ]);
    expect(dialer.dialled(undialable)).toBe(0);
  });

  it('changes nothing when a key is reported after the attempt was recorded', async () => {
    const number = phone();
    dialer.fake.phone(number, 'silent');
    let firstCall = '';
    // The phone presses 1 from its next call on; when that call rings, the first call's attempt has been
    // recorded (the retry is queued only then), and the engine reports the first call's key late.
    const toThisPhone = (callId: string) =>
      dialer.fake.placed.some((p) => p.callId === callId && p.destination === number);
    const script = dialer.fake.onCallEvent((event) => {
      if (!toThisPhone(event.callId)) return;
      if (event.type === 'ended' && firstCall === '') {
        firstCall = event.callId;
        dialer.fake.phone(number, 'press:1');
      } else if (event.type === 'ringing' && firstCall !== '' && event.callId !== firstCall) {
        dialer.fake.reportLate({
          ...event,
          type: 'digit',
          digit: '1',
          play: 1,
          recovered: false,
          callId: firstCall,
        });
      }
    });
    const [targetId] = await dialer.campaign([[number]]);

    const target = await dialer.settled(targetId as string);
    script();

    expect(target.attempts.map((a) => [a.id, a.outcome, a.digit])).toEqual([
      [firstCall, 'answered_no_digit', null],
      [expect.any(String), 'confirmed', '1'],
    ]);
    expect(dialer.dialled(number)).toBe(2);
  });

  /**
   * What the dead worker did before it died: claimed attempt 1 and placed its call, whose events then
   * stopped. Returns once the call has ended in the engine.
   */
  async function diedAfterDialling(targetId: string, number: string): Promise<string> {
    const target = await dialer.db.campaignTarget.findUniqueOrThrow({ where: { id: targetId } });
    const campaign = await loadCampaign(dialer.db, target.campaignId);
    if (!campaign) throw new Error('the campaign is gone');
    const callId = `${ATTEMPT_ID_PREFIX}${randomUUID()}`;
    const claim = { campaignId: campaign.id, targetId, attemptNo: 1, callId, number, trunk: FAKE_TRUNK };
    expect(await claimAttempt(dialer.db, claim)).toBe(true);
    await dialer.fake.notify(campaignNotify(campaign, callId, number, FAKE_TRUNK));
    dialer.fake.goSilent(callId);
    await waitFor(() => dialer.fake.channelsInUse(FAKE_TRUNK) === 0, 5_000, 'the call to end in the engine');
    return callId;
  }

  /** A household whose first job the dead worker had taken: it is queued again only when the test says so. */
  async function household(number: string): Promise<string> {
    const { targetIds } = await dialer.unqueuedCampaign([[number]]);
    return targetIds[0] as string;
  }

  it("records the outcome the engine kept when a dead worker's job runs again, and never dials twice", async () => {
    const number = '+8613910099001';
    dialer.fake.phone(number, 'press:1');
    const targetId = await household(number);
    const callId = await diedAfterDialling(targetId, number);

    await dialer.redeliver(targetId, 1);
    const target = await dialer.settled(targetId);

    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed', attemptCount: 1 });
    expect(target.attempts).toMatchObject([{ id: callId, outcome: 'confirmed', digit: '1' }]);
    expect(target.attempts[0]?.answeredAt).not.toBeNull();
    expect(dialer.dialled(number)).toBe(1);
  });

  it("counts a dead worker's attempt as unknown when the engine kept nothing; the retry policy calls again", async () => {
    const number = '+8613910099002';
    // Never answered: the engine keeps nothing of a call nobody picked up.
    dialer.fake.phone(number, 'no-answer');
    const targetId = await household(number);
    const callId = await diedAfterDialling(targetId, number);
    dialer.fake.phone(number, 'press:1');

    await dialer.redeliver(targetId, 1);
    const target = await dialer.settled(targetId);

    // unknown: 1 retry; the second call is answered and confirmed.
    expect(target.attempts.map((a) => [a.id, a.outcome, a.hangupCause])).toEqual([
      [callId, 'unknown', null],
      [expect.any(String), 'confirmed', 16],
    ]);
    expect(target).toMatchObject({ state: 'FINAL', outcome: 'confirmed' });
    expect(dialer.dialled(number)).toBe(2);
  });
});
