/** The telephony port's conformance suite against the Twilio driver on the fake Twilio (the cloud is not reachable here). */
import type { InboundCall } from '../../../src/telephony/call-events';
import { TwilioOnFake } from '../../support/fake-twilio/twilio-on-fake';
import { CONFORMANCE_PHONES, describeCallControlConformance } from '../conformance/call-control-conformance';

jest.setTimeout(20_000);

describeCallControlConformance('Twilio driver on the fake Twilio', async () => {
  const twilio = await TwilioOnFake.start();
  for (const phone of Object.values(CONFORMANCE_PHONES)) twilio.fake.phone(phone.number, phone.behaviour);
  const port = await twilio.driver();
  let callers = 0;
  return {
    port,
    trunk: 'tw',
    eventTimeoutMs: 5000,
    callIn: async (keys) => {
      const from = `+86139000000${String(++callers).padStart(2, '0')}`;
      const heard = new Promise<InboundCall>((resolve) => {
        const stop = port.onInboundCall((call) => {
          if (call.caller !== from) return;
          stop();
          resolve(call);
        });
      });
      await twilio.fake.callIn('tw', 'hotline', from, keys);
      return heard;
    },
    close: () => twilio.close(),
  };
});
