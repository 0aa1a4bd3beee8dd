import type { Env } from '../config/env';
import { isTwilioTrunk } from '../config/telephony-config';
import type { Logger } from '../logging';
import type { Redis } from '../queue/redis';
import type { CallControl } from '../telephony/call-control';
import type { PromptMedia } from '../telephony/prompt';
import { TrunkRoutedCallControl } from '../telephony/trunk-routed-call-control';
import { twilioAccountOf } from '../telephony/twilio/twilio-account';
import { TwilioCallControl } from '../telephony/twilio/twilio-call-control';

/**
 * The port the platform hands the capabilities: the Asterisk driver alone, or, when trunks are on
 * Twilio, both drivers side by side, each verb going to the driver of its trunk or call.
 */
export async function besideTwilio(
  asterisk: CallControl,
  env: Env,
  deps: { redis: Redis; logger: Logger; media: PromptMedia },
): Promise<CallControl> {
  const account = twilioAccountOf(env);
  if (!account) return asterisk;
  const twilio = new TwilioCallControl({ account, ...deps });
  await twilio.start();
  return new TrunkRoutedCallControl([
    {
      port: asterisk,
      trunks: env.TRUNKS.filter((t) => !isTwilioTrunk(t)).map((t) => t.name),
      pages: true,
    },
    { port: twilio, trunks: account.trunks.map((t) => t.name), pages: false },
  ]);
}
