/** The conformance suite against the fake engine (a fake: the real drivers run it in test/e2e). */
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { CONFORMANCE_PHONES, describeCallControlConformance } from './conformance/call-control-conformance';

describeCallControlConformance('fake engine', async () => {
  const fake = new FakeCallControl(['pstn']);
  for (const phone of Object.values(CONFORMANCE_PHONES)) fake.phone(phone.number, phone.behaviour);
  return {
    port: fake,
    trunk: 'pstn',
    eventTimeoutMs: 2000,
    callIn: async (keys) => {
      const heard = new Promise<void>((resolve) => {
        const stop = fake.onInboundCall(() => {
          stop();
          resolve();
        });
      });
      const call = fake.callIn('hotline', '8613800000009', keys);
      await heard;
      return call;
    },
    close: () => fake.close(),
  };
});
