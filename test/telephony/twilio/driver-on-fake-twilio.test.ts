/**
 * What the Twilio driver does beyond the conformance suite, on the fake Twilio (the cloud is not
 * reachable here): Twilio's refusals as the port's errors, calls shared by processes through Redis, the
 * account's calls per second, Twilio's own <Say>, and what an ended call leaves for recovery.
 */
import type { CallEvent } from '../../../src/telephony/call-events';
import { EngineUnavailable } from '../../../src/telephony/errors/engine-unavailable';
import { InvalidCallRequest } from '../../../src/telephony/errors/invalid-call-request';
import { OutcomeUnknown } from '../../../src/telephony/errors/outcome-unknown';
import { TrunkCongested } from '../../../src/telephony/errors/trunk-congested';
import type { NotifyRequest } from '../../../src/telephony/verbs/notify';
import type { TwilioCallControl } from '../../../src/telephony/twilio/twilio-call-control';
import { TwilioOnFake } from '../../support/fake-twilio/twilio-on-fake';
import { waitFor } from '../../support/stack';

jest.setTimeout(20_000);

let serial = 0;
const phone = () => `+86139200${String(++serial).padStart(5, '0')}`;

function request(destination: string, extra: Partial<NotifyRequest> = {}): NotifyRequest {
  return {
    trunk: 'tw',
    destination,
    ringTimeoutMs: 10_000,
    prompt: [{ kind: 'tts', text: '明天上午九点在村委会开会' }],
    choices: [{ digit: '1', label: 'yes' }],
    maxPlays: 2,
    digitTimeoutMs: 3000,
    machineDetection: 'off',
    ...extra,
  };
}

function ended(events: CallEvent[], callId: string) {
  return waitFor(
    () => events.find((e) => e.callId === callId && e.type === 'ended'),
    5000,
    `${callId} to end`,
  );
}

describe('the Twilio driver on the fake Twilio', () => {
  let tw: TwilioOnFake;
  let worker: TwilioCallControl;
  const events: CallEvent[] = [];

  beforeAll(async () => {
    tw = await TwilioOnFake.start();
    worker = await tw.driver();
    worker.onCallEvent((e) => events.push(e));
  });

  afterAll(async () => {
    await tw?.close();
  });

  it.each([
    ['HTTP 429 too many requests', { status: 429, code: 20429, message: 'Too Many Requests' }],
    ['a full call queue', { status: 503, code: 22005, message: 'Call Queue Full' }],
  ])('rings nobody and says the trunk is congested on %s', async (_what, refusal) => {
    const number = phone();
    tw.fake.phone(number, 'press:1').refuseNext(refusal);
    const failure = worker.notify(request(number));
    await expect(failure).rejects.toBeInstanceOf(TrunkCongested);
    await expect(failure).rejects.toMatchObject({ trunk: 'tw' });
    expect(tw.fake.callsTo(number)).toHaveLength(0);
    await waitFor(() => worker.channelsInUse('tw') === 0, 2000, 'the refused call to leave the trunk');
  });

  it('says the engine is unavailable while Twilio cannot be reached, and places the call once it can', async () => {
    const number = phone();
    tw.fake.phone(number, 'press:1');
    await tw.fake.setReachable(false);
    await expect(worker.notify(request(number))).rejects.toBeInstanceOf(EngineUnavailable);
    expect(worker.status()).toEqual([{ server: 'twilio', connected: false }]);
    await tw.fake.setReachable(true);

    const { callId } = await worker.notify(request(number));
    expect(await ended(events, callId)).toMatchObject({ cause: 'answered', q850: 16 });
    expect(worker.status()).toEqual([{ server: 'twilio', connected: true }]);
    expect(tw.fake.callsTo(number)).toHaveLength(1);
  });

  it('ends a call whose placement answer was lost as unknown once Twilio has said nothing of it in time', async () => {
    const quick = await tw.driver({ unheardCallGraceMs: 100 });
    const heard: CallEvent[] = [];
    quick.onCallEvent((e) => heard.push(e));
    const number = phone();
    tw.fake
      .phone(number, 'press:1')
      .refuseNext({ status: 500, code: 20500, message: 'Internal Server Error' });
    const failure = quick.notify(request(number, { callId: 'lost-answer', ringTimeoutMs: 200 }));
    await expect(failure).rejects.toBeInstanceOf(OutcomeUnknown);
    // It may be ringing: it counts until Twilio's silence says otherwise.
    expect(quick.isLive('lost-answer')).toBe(true);
    expect(await ended(heard, 'lost-answer')).toMatchObject({ cause: 'unknown', answered: false });
    expect(quick.isLive('lost-answer')).toBe(false);
    expect(quick.channelsInUse('tw')).toBe(0);
  });

  it('refuses a number Twilio says is not a phone number, as an invalid request', async () => {
    tw.fake.refuseNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    await expect(worker.notify(request('+860'))).rejects.toBeInstanceOf(InvalidCallRequest);
  });

  it('lets every process see and act on a call another process placed, and count it on the trunk', async () => {
    const number = phone();
    tw.fake.phone(number, 'silent');
    const { callId } = await worker.notify(request(number, { digitTimeoutMs: 60_000 }));
    await waitFor(() => events.find((e) => e.callId === callId && e.type === 'answered'), 5000, 'the answer');

    // A process started after the call was placed (an API process, another worker) counts it too.
    const other = await tw.driver();
    const heard: CallEvent[] = [];
    other.onCallEvent((e) => heard.push(e));
    expect(other.isLive(callId)).toBe(true);
    expect(other.channelsInUse('tw')).toBe(worker.channelsInUse('tw'));

    await other.hangup(callId, 8);
    expect(await ended(events, callId)).toMatchObject({ q850: 8, answered: true });
    expect(await ended(heard, callId)).toMatchObject({ q850: 8 });
    expect(worker.isLive(callId)).toBe(false);
    expect(other.isLive(callId)).toBe(false);
    // What the call left is read once, by whichever process asks.
    expect(await other.recoverEndedCall(callId)).toEqual({
      answered: true,
      q850: 8,
      digit: '',
      machine: null,
    });
    expect(await worker.recoverEndedCall(callId)).toBeNull();
  });

  it('keeps the key the person pressed for recovery', async () => {
    const number = phone();
    tw.fake.phone(number, 'press:1');
    const { callId } = await worker.notify(request(number));
    await ended(events, callId);
    expect(await worker.recoverEndedCall(callId)).toMatchObject({ answered: true, digit: '1', q850: 16 });
  });

  it('plays linli’s prompts from URLs Twilio can fetch', async () => {
    const number = phone();
    tw.fake.phone(number, 'press:1');
    const before = tw.fake.mediaFetches.length;
    const { callId } = await worker.notify(request(number));
    await ended(events, callId);
    const fetched = tw.fake.mediaFetches.slice(before);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((f) => f.status === 200 && f.contentType === 'audio/wav')).toBe(true);
  });

  it.each([
    ['leave-message', ['answered', 'machine', 'messageLeft', 'ended']],
    ['hang-up', ['answered', 'machine', 'ended']],
  ] as const)(
    'on an answering machine with detection %s, reports it and does as asked',
    async (mode, types) => {
      const number = phone();
      tw.fake.phone(number, 'machine');
      const { callId } = await worker.notify(request(number, { machineDetection: mode }));
      expect(await ended(events, callId)).toMatchObject({ answered: true, cause: 'answered' });
      const seen = events.filter((e) => e.callId === callId && e.type !== 'ringing');
      expect(seen.map((e) => e.type)).toEqual(types);
      expect(seen[1]).toMatchObject({ verdict: 'machine' });
      expect(tw.fake.created.find((c) => c.to === number)?.params.MachineDetection).toBe(
        mode === 'leave-message' ? 'DetectMessageEnd' : 'Enable',
      );
    },
  );

  it('cancels a call still ringing when linli hangs it up, and reports the cause linli gave', async () => {
    const number = phone();
    tw.fake.phone(number, 'no-answer');
    const { callId } = await worker.notify(request(number, { ringTimeoutMs: 600_000 }));
    await waitFor(() => events.find((e) => e.callId === callId && e.type === 'ringing'), 5000, 'ringing');
    await worker.hangup(callId, 8);
    expect(await ended(events, callId)).toMatchObject({ answered: false, q850: 8 });
  });
});

describe('the Twilio driver on the fake Twilio, with its limits and options', () => {
  it('starts calls no faster than the account’s calls per second, across processes', async () => {
    const tw = await TwilioOnFake.start({ cps: 5 });
    try {
      const [a, b] = [await tw.driver(), await tw.driver()];
      const numbers = [phone(), phone(), phone(), phone()];
      for (const n of numbers) tw.fake.phone(n, 'busy');
      await Promise.all(numbers.map((n, i) => (i % 2 === 0 ? a : b).notify(request(n))));
      const starts = tw.fake.created.map((c) => c.at).sort((x, y) => x - y);
      // One start every 200 ms at 5 per second: four starts span three slots, 600 ms. A loaded machine may
      // deliver the first slot's request late, so the test asks for two slots' worth; unpaced, all four
      // starts would come within a few milliseconds.
      expect(tw.fake.created).toHaveLength(4);
      expect((starts[3] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(400);
    } finally {
      await tw.close();
    }
  });

  it('lets Twilio speak the text itself with <Say> when configured', async () => {
    const tw = await TwilioOnFake.start({ speech: 'twilio' });
    try {
      const driver = await tw.driver();
      const events: CallEvent[] = [];
      driver.onCallEvent((e) => events.push(e));
      const number = phone();
      tw.fake.phone(number, 'press:1');
      const { callId } = await driver.notify(request(number));
      await ended(events, callId);
      const answer = tw.fake.webhooks.find((w) => w.url.endsWith(`/calls/${callId}/answer`));
      expect(answer?.answer).toContain('<Say language="cmn-CN">明天上午九点在村委会开会</Say>');
      expect(answer?.answer).not.toContain('<Play');
    } finally {
      await tw.close();
    }
  });
});
