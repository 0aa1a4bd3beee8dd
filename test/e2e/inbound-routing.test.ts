import { placeInboundCall } from '../../simulators/callers/inbound-calls';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import type { AsteriskCallControl } from '../../src/telephony/asterisk/asterisk-call-control';
import type { InboundCall } from '../../src/telephony/call-events';
import { asteriskDriver } from '../support/asterisk-driver';
import { localAsterisk } from '../support/stack';

jest.setTimeout(60_000);

describe('calls arriving on the trunk', () => {
  let pstn: PstnSimulator;
  let calls: AsteriskCallControl;
  const inbound: InboundCall[] = [];

  beforeAll(async () => {
    const { server, trunk } = localAsterisk();
    // Every outside number answers, so a call that leaked out to the trunk would be seen here.
    pstn = await startPstnSimulator({
      numberPlan: [],
      defaultBehaviour: { kind: 'press', digits: '1' },
      timeScale: 0.3,
    });
    calls = asteriskDriver(server, trunk);
    await calls.start();
    calls.onInboundCall((c) => inbound.push(c));
  });

  afterAll(async () => {
    await calls?.close();
    await pstn?.stop();
  });

  it('reach the SOS service by its number, answered and reported with the caller', async () => {
    const result = await placeInboundCall({ from: '8613912345678', to: '96500', holdSeconds: 2 });
    expect(result.result).toBe('answered');
    expect(inbound).toContainEqual(
      expect.objectContaining({
        service: 'sos',
        caller: '8613912345678',
        called: '96500',
        recording: expect.stringMatching(/^recordings\/sos-/),
      }),
    );
  });

  it('reach the hotline by its number', async () => {
    const result = await placeInboundCall({ from: '+8613912345679', to: '12345', holdSeconds: 1 });
    expect(result.result).toBe('answered');
    expect(inbound).toContainEqual(expect.objectContaining({ service: 'hotline', called: '12345' }));
  });

  it.each(['8613800000001', '+8613800000001', '0086900123456', '13800000001'])(
    'never go back out on a trunk (toll-fraud guard): %s is refused and the carrier sees no call',
    async (to) => {
      const before = pstn.calls().length;
      const result = await placeInboundCall({ from: '8613912345678', to, holdSeconds: 1 });
      expect(result.result).toBe('rejected');
      expect(result.sipStatus).toBeGreaterThanOrEqual(400);
      expect(pstn.calls().length).toBe(before);
    },
  );
});
