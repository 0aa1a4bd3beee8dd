import { placeInboundCall } from '../../simulators/callers/inbound-calls';
import { createHotlineCapability } from '../../src/hotline/hotline-capability';
import { createSosCapability } from '../../src/sos/sos-capability';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

describe('an SOS call from a number no card has', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    const hotline = createHotlineCapability();
    const sos = createSosCapability({
      gatewayPort: 0,
      inactivityEveryMs: 0,
      onUnknownCaller: hotline.openUnknownSosCase,
    });
    t = await startTestPlatform([sos, hotline]);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('becomes an urgent case for the town dispatcher, with the call recording', async () => {
    const call = placeInboundCall({ from: '8613912340003', to: '96500', holdSeconds: 3 });
    const db = t.platform.database.db;
    const opened = await waitFor(
      async () =>
        (await db.governanceCase.findFirst({ where: { callerNumber: '+8613912340003' } })) ?? undefined,
      15_000,
      'the urgent case',
    );
    expect(opened).toMatchObject({
      channel: 'sos-unknown',
      category: 'urgent',
      urgent: true,
      villageId: null,
      gridId: null,
      recordingPath: expect.stringMatching(/^recordings\/sos-.+\.wav$/),
    });
    // Still listed for a call back, as before.
    expect(await db.auditLog.count({ where: { action: 'sos.unknown_caller' } })).toBe(1);
    expect((await call).result).toBe('answered');
  });
});
