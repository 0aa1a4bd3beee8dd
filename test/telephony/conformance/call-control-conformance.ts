/**
 * One conformance suite for every telephony driver (the fake, Asterisk, and later Twilio and the SIP
 * edge): what a capability may rely on, asserted through the port alone.
 */
import { randomUUID } from 'node:crypto';
import type { InboundCall } from '../../../src/telephony/call-events';
import type { CallControl } from '../../../src/telephony/call-control';
import { CallNotFound } from '../../../src/telephony/errors/call-not-found';
import { InvalidCallRequest } from '../../../src/telephony/errors/invalid-call-request';
import type { Prompt } from '../../../src/telephony/prompt';
import type { NotifyRequest } from '../../../src/telephony/verbs/notify';
import { CallEventLog } from './call-event-log';

/** The phones the suite calls: each harness puts these behaviours behind these numbers. */
export const CONFORMANCE_PHONES = {
  presses1: { number: '8617100000001', behaviour: 'press:1' },
  repeatsThenPresses1: { number: '8617100000002', behaviour: 'press:91' },
  busy: { number: '8617100000003', behaviour: 'busy' },
  congested: { number: '8617100000004', behaviour: 'reject:503' },
  noAnswer: { number: '8617100000005', behaviour: 'no-answer' },
  holds: { number: '8617100000006', behaviour: 'press-and-hold:1:30' },
  holdsToo: { number: '8617100000007', behaviour: 'press-and-hold:1:30' },
  silent: { number: '8617100000008', behaviour: 'silent' },
  hangsUp: { number: '8617100000009', behaviour: 'hangup:1' },
} as const;

export interface ConformanceHarness {
  port: CallControl;
  trunk: string;
  /** How long the suite waits for any one event. */
  eventTimeoutMs: number;
  /** Rings the hotline like a resident who presses `keys` when a menu asks; resolves once the port reports it. */
  callIn(keys: string): Promise<InboundCall>;
  close(): Promise<void>;
}

const BEEP: Prompt = [{ kind: 'sound', name: 'beep' }];

export function describeCallControlConformance(
  driver: string,
  setup: () => Promise<ConformanceHarness>,
): void {
  describe(`telephony port conformance: ${driver}`, () => {
    let h: ConformanceHarness;
    let log: CallEventLog;
    const wait = <T extends Parameters<CallEventLog['waitFor']>[1]>(callId: string, type: T) =>
      log.waitFor(callId, type, h.eventTimeoutMs);

    const notify = (phone: keyof typeof CONFORMANCE_PHONES, extra: Partial<NotifyRequest> = {}) =>
      h.port.notify({
        callId: `conf-${randomUUID()}`,
        trunk: h.trunk,
        destination: `+${CONFORMANCE_PHONES[phone].number}`,
        ringTimeoutMs: 20_000,
        prompt: BEEP,
        choices: [
          { digit: '1', label: 'yes' },
          { digit: '2', label: 'no' },
        ],
        maxPlays: 2,
        digitTimeoutMs: 5000,
        machineDetection: 'off',
        ...extra,
      });

    beforeAll(async () => {
      h = await setup();
      log = new CallEventLog(h.port);
    });

    afterAll(async () => {
      log?.close();
      await h?.close();
    });

    it('notify: a phone that presses 1 is answered, the key is the answer, and the call ends once, answered (16)', async () => {
      const { callId } = await notify('presses1');
      const digit = await wait(callId, 'digit');
      const ended = await wait(callId, 'ended');
      expect(digit).toMatchObject({ digit: '1', play: 1, recovered: false });
      expect(ended).toMatchObject({ cause: 'answered', q850: 16, answered: true });
      const types = log.types(callId);
      expect(types.indexOf('answered')).toBeLessThan(types.indexOf('digit'));
      expect(types.filter((t) => t === 'ended')).toHaveLength(1);
      expect(types[types.length - 1]).toBe('ended');
    });

    it('notify: the repeat key is reported on its own and is never the answer', async () => {
      const { callId } = await notify('repeatsThenPresses1', { repeatDigit: '9', maxPlays: 3 });
      const repeat = await wait(callId, 'repeat');
      const digit = await wait(callId, 'digit');
      expect(repeat.play).toBe(1);
      expect(digit).toMatchObject({ digit: '1', play: 2 });
      await wait(callId, 'ended');
      expect(log.of(callId).filter((e) => e.type === 'digit')).toHaveLength(1);
    });

    it('notify: a person who answers and hangs up without a key ends answered, normal clearing (16)', async () => {
      const { callId } = await notify('hangsUp', { digitTimeoutMs: 10_000 });
      expect(await wait(callId, 'ended')).toMatchObject({ cause: 'answered', q850: 16, answered: true });
      expect(log.of(callId).filter((e) => e.type === 'digit' && e.digit !== '')).toHaveLength(0);
    });

    it('notify: a busy phone ends as busy (17), never answered', async () => {
      const { callId } = await notify('busy');
      expect(await wait(callId, 'ended')).toMatchObject({ cause: 'busy', q850: 17, answered: false });
      expect(log.types(callId)).not.toContain('answered');
    });

    it('notify: a congested carrier (503) ends as congestion (34), which is not the household’s doing', async () => {
      const { callId } = await notify('congested');
      expect(await wait(callId, 'ended')).toMatchObject({ cause: 'congestion', q850: 34, answered: false });
    });

    it('notify: a phone nobody answers ends as no-answer after the ring time', async () => {
      const { callId } = await notify('noAnswer', { ringTimeoutMs: 3000 });
      expect(await wait(callId, 'ended')).toMatchObject({ cause: 'no-answer', answered: false });
    });

    it('notify + tell: a key that holds keeps the call up until it is told something, then it ends', async () => {
      const { callId } = await notify('holds', {
        choices: [{ digit: '1', label: 'connect me', hold: true }],
      });
      expect(await wait(callId, 'holding')).toMatchObject({ digit: '1' });
      expect(h.port.isLive(callId)).toBe(true);
      await h.port.tell(callId, { prompt: BEEP });
      await wait(callId, 'told');
      expect(await wait(callId, 'ended')).toMatchObject({ answered: true, cause: 'answered' });
    });

    it('bridge: two held calls are connected in one bridge; hanging one up ends it', async () => {
      const hold = { choices: [{ digit: '1', label: 'connect me', hold: true }] };
      const [a, b] = await Promise.all([notify('holds', hold), notify('holdsToo', hold)]);
      await Promise.all([wait(a.callId, 'holding'), wait(b.callId, 'holding')]);
      await h.port.bridge(a.callId, b.callId);
      const [bridgedA, bridgedB] = await Promise.all([wait(a.callId, 'bridged'), wait(b.callId, 'bridged')]);
      expect(bridgedA.bridgeId).toBe(bridgedB.bridgeId);
      await h.port.hangup(a.callId);
      await wait(a.callId, 'ended');
      if (h.port.isLive(b.callId)) await h.port.hangup(b.callId);
      await wait(b.callId, 'ended');
    });

    it('hangup: a live call ends and is no longer live; hanging it up again is CallNotFound', async () => {
      const before = h.port.channelsInUse(h.trunk);
      const { callId } = await notify('silent', { digitTimeoutMs: 10_000 });
      await wait(callId, 'answered');
      expect(h.port.isLive(callId)).toBe(true);
      expect(h.port.channelsInUse(h.trunk)).toBe(before + 1);
      await h.port.hangup(callId);
      expect(await wait(callId, 'ended')).toMatchObject({ answered: true });
      expect(h.port.isLive(callId)).toBe(false);
      expect(h.port.channelsInUse(h.trunk)).toBe(before);
      await expect(h.port.hangup(callId)).rejects.toBeInstanceOf(CallNotFound);
    });

    it('refuses a request that cannot be right before anything rings', async () => {
      await expect(h.port.notify({ ...baseRequest(h.trunk), trunk: 'no-such-trunk' })).rejects.toBeInstanceOf(
        InvalidCallRequest,
      );
      await expect(
        h.port.notify({ ...baseRequest(h.trunk), destination: '138 0000 0000;x' }),
      ).rejects.toBeInstanceOf(InvalidCallRequest);
      await expect(
        h.port.page({ speakers: ['../etc'], prompt: BEEP, timeoutMs: 1000 }),
      ).rejects.toBeInstanceOf(InvalidCallRequest);
    });

    it('gather: the keys a caller presses on a live inbound call come back as one event', async () => {
      const call = await h.callIn('3');
      expect(call.service).toBe('hotline');
      await h.port.gather(call.callId, { prompt: BEEP, maxDigits: 1, timeoutMs: 8000 });
      expect(await wait(call.callId, 'gathered')).toMatchObject({ digits: '3', complete: true });
      await h.port.hangup(call.callId);
      await wait(call.callId, 'ended');
    });

    it('say: plays to a live call and reports it; the call then waits for the next verb', async () => {
      const call = await h.callIn('');
      await h.port.say(call.callId, { prompt: BEEP });
      await wait(call.callId, 'played');
      expect(h.port.isLive(call.callId)).toBe(true);
      await h.port.hangup(call.callId);
      await wait(call.callId, 'ended');
    });

    it('record: records the caller until the finish key and names the recording', async () => {
      const call = await h.callIn('#');
      const name = `recordings/conformance-${randomUUID()}`;
      await h.port.record(call.callId, { name, maxDurationMs: 10_000, silenceMs: 0, beep: true });
      expect(await wait(call.callId, 'recorded')).toMatchObject({ recording: name, endedBy: 'key' });
      await h.port.hangup(call.callId);
      await wait(call.callId, 'ended');
    });
  });
}

function baseRequest(trunk: string): NotifyRequest {
  return {
    trunk,
    destination: '8617100000001',
    ringTimeoutMs: 5000,
    prompt: BEEP,
    choices: [],
    maxPlays: 1,
    digitTimeoutMs: 1000,
    machineDetection: 'off',
  };
}
