/**
 * Both drivers side by side behind one port: the fake engine for an Asterisk trunk and the Twilio
 * driver on the fake Twilio (the cloud is not reachable here), each verb going to its trunk's driver.
 */
import type { CallEvent } from '../../../src/telephony/call-events';
import { InvalidCallRequest } from '../../../src/telephony/errors/invalid-call-request';
import { TrunkRoutedCallControl } from '../../../src/telephony/trunk-routed-call-control';
import type { NotifyRequest } from '../../../src/telephony/verbs/notify';
import { FakeCallControl } from '../../support/fake-telephony/fake-call-control';
import { TwilioOnFake } from '../../support/fake-twilio/twilio-on-fake';
import { waitFor } from '../../support/stack';

jest.setTimeout(20_000);

const request = (trunk: string, destination: string): NotifyRequest => ({
  trunk,
  destination,
  ringTimeoutMs: 10_000,
  prompt: [{ kind: 'sound', name: 'beep' }],
  choices: [{ digit: '1', label: 'connect', hold: true }],
  maxPlays: 1,
  digitTimeoutMs: 5000,
  machineDetection: 'off',
});

describe('an Asterisk trunk and a Twilio trunk on the fake Twilio, side by side', () => {
  let tw: TwilioOnFake;
  let asterisk: FakeCallControl;
  let port: TrunkRoutedCallControl;
  const events: CallEvent[] = [];

  beforeAll(async () => {
    tw = await TwilioOnFake.start({ timing: { secondMs: 50 } });
    asterisk = new FakeCallControl(['pstn'], { secondMs: 50 });
    port = new TrunkRoutedCallControl([
      { port: asterisk, trunks: ['pstn'], pages: true },
      { port: await tw.driver(), trunks: ['tw'], pages: false },
    ]);
    port.onCallEvent((e) => events.push(e));
  });

  afterAll(async () => {
    await port?.close();
    await tw?.close();
  });

  it('places each call on its trunk’s engine, acts on each on its own, and counts each trunk apart', async () => {
    asterisk.phone('+8613900000001', 'press-and-hold:1:600');
    tw.fake.phone('+8613900000002', 'press-and-hold:1:600');
    const onAsterisk = await port.notify(request('pstn', '+8613900000001'));
    const onTwilio = await port.notify(request('tw', '+8613900000002'));
    await waitFor(
      () =>
        [onAsterisk, onTwilio].every((c) =>
          events.some((e) => e.callId === c.callId && e.type === 'holding'),
        ),
      5000,
      'both calls holding',
    );
    expect([onAsterisk.server, onTwilio.server]).toEqual(['fake', 'twilio']);
    expect(asterisk.placed.map((r) => r.destination)).toEqual(['+8613900000001']);
    expect(tw.fake.callsTo('+8613900000002')).toHaveLength(1);
    expect([port.channelsInUse('pstn'), port.channelsInUse('tw')]).toEqual([1, 1]);

    // Two calls on two engines cannot share a bridge; each ends on its own engine.
    await expect(port.bridge(onAsterisk.callId, onTwilio.callId)).rejects.toBeInstanceOf(InvalidCallRequest);
    await port.hangup(onTwilio.callId);
    await port.hangup(onAsterisk.callId);
    await waitFor(
      () => port.channelsInUse('pstn') + port.channelsInUse('tw') === 0,
      5000,
      'both calls to end',
    );
    await expect(port.notify(request('nowhere', '+8613900000003'))).rejects.toBeInstanceOf(
      InvalidCallRequest,
    );
  });

  it('pages through the engine that has loudspeakers', async () => {
    await port.page({ speakers: ['spk-1'], prompt: [{ kind: 'sound', name: 'beep' }], timeoutMs: 1000 });
    expect(asterisk.pages).toHaveLength(1);
  });
});
