import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { releaseUdpPortBlock, reserveUdpPortBlock } from '../../simulators/sipp/udp-ports';
import { AmiProbe } from './support/ami-probe';
import { eventsOf, originateNotifyCall } from './support/notify-call';

/** Runs against the real Asterisk (scripts/asterisk.sh start) and SIPp. */
jest.setTimeout(30_000);

const plan = {
  '8613800000001': 'press:1',
  '+8613800000002': 'press:11',
  '8613800000003': 'busy',
  '8613800000004': 'decline',
  '8613800000005': 'no-answer',
  '8613800000006': 'machine',
  '8613800000007': 'hangup:1',
  '8613800000008': 'press-and-hold:1:1',
};

describe('simulated PSTN answering calls from Asterisk', () => {
  let ami: AmiProbe;
  let pstn: PstnSimulator;
  let port: number;

  beforeAll(async () => {
    ami = await AmiProbe.connect();
    port = reserveUdpPortBlock();
    releaseUdpPortBlock(port);
    pstn = await startPstnSimulator({
      port,
      numberPlan: Object.entries(plan).map(([number, behaviour]) => ({
        number,
        behaviour: phoneBehaviour(behaviour),
      })),
      timing: { ringMs: 300, pressDelayMs: 800, greetingMs: 3000 },
    });
  });

  afterAll(async () => {
    await pstn?.stop();
    ami?.close();
  });

  const recordOf = (number: string) => pstn.calls().find((call) => call.number === number);

  it('press:1 answers after ringing and Asterisk reads the key 1', async () => {
    const call = await originateNotifyCall(ami, {
      number: '8613800000001',
      port,
      variables: { LINLI_DIGITS: '12' },
    });
    expect((await call.hangup).Cause).toBe('16');

    const digit = eventsOf(ami, call.id).find((e) => e.UserEvent === 'LinliDigit');
    expect(digit?.Digit).toBe('1');
    const record = recordOf('8613800000001');
    expect(record).toMatchObject({ behaviour: 'press:1', end: 'bye-received' });
    const rang = (record?.answeredAt?.getTime() ?? 0) - (record?.receivedAt.getTime() ?? 0);
    expect(rang).toBeGreaterThanOrEqual(250);
  });

  it('presses the same key twice as two separate key presses (dialled with a leading +)', async () => {
    const call = await originateNotifyCall(ami, {
      number: '+8613800000002',
      port,
      variables: { LINLI_DIGITS: '9', LINLI_MAX_PLAYS: '2' },
    });
    await call.hangup;
    const digits = eventsOf(ami, call.id).filter((e) => e.UserEvent === 'LinliDigit');
    expect(digits.map((e) => [e.Play, e.Digit])).toEqual([
      ['1', '1'],
      ['2', '1'],
    ]);
  });

  it('refuses calls with the causes of a real network: busy 17, decline 21, no answer 19, unknown number 1', async () => {
    const calls: Record<string, Promise<{ Cause?: string }>> = {};
    for (const [number, timeoutMs] of [
      ['8613800000003', 10_000],
      ['8613800000004', 10_000],
      ['8613800000005', 1500],
      ['8613899999999', 10_000],
    ] as const) {
      calls[number] = (await originateNotifyCall(ami, { number, port, timeoutMs })).hangup;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const causes = Object.fromEntries(
      await Promise.all(Object.entries(calls).map(async ([n, hangup]) => [n, (await hangup).Cause])),
    );
    expect(causes).toEqual({
      '8613800000003': '17',
      '8613800000004': '21',
      '8613800000005': '19',
      '8613899999999': '1',
    });
    expect(recordOf('8613800000005')).toMatchObject({
      behaviour: 'no-answer',
      end: 'cancelled',
      answeredAt: null,
    });
    expect(recordOf('8613899999999')).toMatchObject({ behaviour: 'reject:404', end: 'rejected-404' });
  });

  it('an answering machine is heard as MACHINE by AMD, a person pressing a key as HUMAN', async () => {
    const amd = { LINLI_AMD: 'hangup', LINLI_DIGITS: '1', LINLI_DIGIT_TIMEOUT: '1' };
    const machine = await originateNotifyCall(ami, { number: '8613800000006', port, variables: amd });
    const person = await originateNotifyCall(ami, { number: '8613800000001', port, variables: amd });
    await Promise.all([machine.hangup, person.hangup]);
    const status = (id: string) => eventsOf(ami, id).find((e) => e.UserEvent === 'LinliAmd')?.Status;
    expect(status(machine.id)).toBe('MACHINE');
    expect(status(person.id)).toBe('HUMAN');
  });

  it('hangup:1 hangs up by itself a second after answering', async () => {
    const call = await originateNotifyCall(ami, {
      number: '8613800000007',
      port,
      variables: { LINLI_DIGIT_TIMEOUT: '10' },
    });
    expect((await call.hangup).Cause).toBe('16');
    const record = recordOf('8613800000007');
    expect(record?.end).toBe('bye-sent');
    const connected = (record?.endedAt?.getTime() ?? 0) - (record?.answeredAt?.getTime() ?? 0);
    expect(connected).toBeGreaterThanOrEqual(900);
    expect(connected).toBeLessThan(2000);
  });

  it('press-and-hold:1:1 is held by Asterisk after the key and hangs up a second later', async () => {
    const call = await originateNotifyCall(ami, {
      number: '8613800000008',
      port,
      variables: { LINLI_DIGITS: '1', LINLI_HOLD_DIGITS: '1', LINLI_HOLD_MAX: '20' },
    });
    await call.hangup;
    expect(eventsOf(ami, call.id).some((e) => e.UserEvent === 'LinliHolding' && e.Digit === '1')).toBe(true);
    expect(recordOf('8613800000008')?.end).toBe('bye-sent');
  });

  it('counts the calls it received by behaviour and by how they ended', () => {
    const stats = pstn.stats();
    expect(stats.received).toBe(pstn.calls().length);
    expect(stats.active).toBe(0);
    expect(stats.byBehaviour).toMatchObject({
      'press:1': 2,
      busy: 1,
      decline: 1,
      'no-answer': 1,
      'reject:404': 1,
    });
    expect(stats.byEnd).toMatchObject({
      'rejected-486': 1,
      'rejected-603': 1,
      cancelled: 1,
      'rejected-404': 1,
    });
  });
});

describe('starting the simulated PSTN', () => {
  it('reads a plan file, whose * row says what unknown numbers do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pstn-plan-'));
    const ami = await AmiProbe.connect();
    const port = reserveUdpPortBlock();
    releaseUdpPortBlock(port);
    const file = join(dir, 'plan.csv');
    writeFileSync(file, 'number,behaviour\n8613800000001,press:1\n*,busy\n');
    const pstn = await startPstnSimulator({ numberPlan: file, port });
    try {
      const call = await originateNotifyCall(ami, { number: '8613811112222', port });
      expect((await call.hangup).Cause).toBe('17');
      expect(pstn.calls()).toEqual([expect.objectContaining({ number: '8613811112222', behaviour: 'busy' })]);
    } finally {
      await pstn.stop();
      ami.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when its port is taken', async () => {
    const port = reserveUdpPortBlock();
    releaseUdpPortBlock(port);
    const first = await startPstnSimulator({ numberPlan: [], port });
    try {
      await expect(startPstnSimulator({ numberPlan: [], port })).rejects.toThrow(
        `UDP port ${port} is already in use`,
      );
    } finally {
      await first.stop();
    }
  });

  it('refuses a plan with bad rows before starting anything', async () => {
    await expect(
      startPstnSimulator({ numberPlan: [{ number: 'x1', behaviour: phoneBehaviour('busy') }], port: 5999 }),
    ).rejects.toThrow(/row 1: "x1" is not a phone number/);
  });
});
