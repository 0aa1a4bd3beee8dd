/** The telephony port's conformance suite against the Asterisk driver, the real Asterisk and SIPp phones. */
import { placeInboundCall } from '../../simulators/callers/inbound-calls';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import type { InboundCall } from '../../src/telephony/call-events';
import { asteriskDriver } from '../support/asterisk-driver';
import { localAsterisk } from '../support/stack';
import {
  CONFORMANCE_PHONES,
  describeCallControlConformance,
} from '../telephony/conformance/call-control-conformance';

jest.setTimeout(60_000);

describeCallControlConformance('Asterisk driver', async () => {
  const { server, trunk } = localAsterisk();
  const pstn: PstnSimulator = await startPstnSimulator({
    numberPlan: Object.values(CONFORMANCE_PHONES).map((p) => ({
      number: p.number,
      behaviour: phoneBehaviour(p.behaviour),
    })),
    timing: { ringMs: 300 },
  });
  const port = asteriskDriver(server, trunk);
  await port.start();
  let callers = 0;
  const pending: Promise<unknown>[] = [];
  return {
    port,
    trunk: trunk.name,
    eventTimeoutMs: 20_000,
    callIn: async (keys) => {
      const from = `86139000000${String(++callers).padStart(2, '0')}`;
      const heard = new Promise<InboundCall>((resolve) => {
        const stop = port.onInboundCall((call) => {
          if (call.caller.replace(/^\+/, '') !== from) return;
          stop();
          resolve(call);
        });
      });
      pending.push(
        placeInboundCall({
          from,
          to: '12345',
          holdSeconds: 15,
          ...(keys ? { digits: keys, digitDelayMs: 2500 } : {}),
        }),
      );
      return heard;
    },
    close: async () => {
      await port.close();
      await Promise.allSettled(pending);
      await pstn.stop();
    },
  };
});
