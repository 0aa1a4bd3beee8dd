import { placeInboundCall, placeInboundCalls } from '../../simulators/callers/inbound-calls';
import { AmiProbe } from './support/ami-probe';

/** Runs against the real Asterisk (scripts/asterisk.sh start) and SIPp. */
jest.setTimeout(30_000);

/** Numbers unique to this run, so events of other tests' calls never match. */
const caller = (n: number) =>
  `86139${String(process.pid % 100000).padStart(5, '0')}${String(n).padStart(3, '0')}`;

describe('inbound calls into Asterisk', () => {
  let ami: AmiProbe;
  beforeAll(async () => {
    ami = await AmiProbe.connect();
  });
  afterAll(() => ami?.close());

  const inboundEventOf = (from: string) =>
    ami.waitFor((m) => m.UserEvent === 'LinliInbound' && m.Caller === from, 5000);

  it("an elder's SOS card call to 96500 is answered, and linli is told the caller's number", async () => {
    const from = caller(1);
    const call = placeInboundCall({ from, to: '96500', holdSeconds: 1.5 });
    const inbound = await inboundEventOf(from);
    expect(inbound).toMatchObject({ Service: 'sos', Called: '96500' });

    const result = await call;
    expect(result).toMatchObject({
      from,
      to: '96500',
      result: 'answered',
      sipStatus: 200,
      endedBy: 'caller',
    });
    expect(result.callId).toMatch(/^linli-caller-/);
    const held = (result.endedAt?.getTime() ?? 0) - (result.answeredAt?.getTime() ?? 0);
    expect(held).toBeGreaterThanOrEqual(1400);
    expect(held).toBeLessThan(3000);
  });

  it('a resident calling the hotline from +86... presses a key Asterisk receives', async () => {
    const from = `+${caller(2)}`;
    const call = placeInboundCall({ from, to: '12345', holdSeconds: 2, digits: '3', digitDelayMs: 500 });
    const inbound = await inboundEventOf(from);
    expect(inbound.Service).toBe('hotline');
    const dtmf = await ami.waitFor((m) => m.Event === 'DTMFEnd' && m.Channel === inbound.Channel, 5000);
    expect(dtmf).toMatchObject({ Digit: '3', Direction: 'Received' });
    expect((await call).result).toBe('answered');
  });

  it('stays on the line until Asterisk hangs up, when that comes before holdSeconds', async () => {
    const from = caller(4);
    const call = placeInboundCall({ from, to: '96500', holdSeconds: 20 });
    const inbound = await inboundEventOf(from);
    await ami.action({ Action: 'Hangup', Channel: inbound.Channel ?? '' });
    const result = await call;
    expect(result).toMatchObject({ result: 'answered', endedBy: 'callee' });
    expect((result.endedAt?.getTime() ?? 0) - (result.answeredAt?.getTime() ?? 0)).toBeLessThan(5000);
  });

  it('a call to a number linli does not serve is rejected with its SIP status', async () => {
    const result = await placeInboundCall({ from: caller(3), to: '99999', holdSeconds: 1 });
    expect(result).toMatchObject({ result: 'rejected', sipStatus: 404, answeredAt: null });
  });

  it('places many calls at once, each with its own Call-ID and result', async () => {
    const requests = Array.from({ length: 8 }, (_, i) => ({
      from: caller(10 + i),
      to: '96500',
      holdSeconds: 1,
    }));
    const results = await placeInboundCalls(requests, { callsPerSecond: 20 });
    expect(results.map((r) => r.from)).toEqual(requests.map((r) => r.from));
    expect(results.every((r) => r.result === 'answered')).toBe(true);
    expect(new Set(results.map((r) => r.callId)).size).toBe(8);
    for (const request of requests) await inboundEventOf(request.from);
  });

  it('refuses a request that is not a call', async () => {
    await expect(placeInboundCall({ from: 'grandma', to: '96500', holdSeconds: 1 })).rejects.toThrow(
      /from "grandma" is not a phone number/,
    );
  });
});
