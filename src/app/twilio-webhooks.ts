import { twilioAccountOf } from '../telephony/twilio/twilio-account';
import { registerTwilioWebhooks } from '../telephony/twilio/webhooks/twilio-webhooks';
import type { Capability } from './platform-types';

/**
 * Twilio's webhooks and prompt files under /twilio, in every API process, when a trunk is on Twilio.
 * They check Twilio's signature (or linli's own, for prompts) instead of an API token.
 */
export const twilioWebhooks: Capability = {
  name: 'twilio-webhooks',
  webhooks: (platform) => async (app) => {
    const account = twilioAccountOf(platform.env);
    if (!account) return;
    await registerTwilioWebhooks(app, {
      account,
      redis: platform.redis,
      logger: platform.logger,
      mediaDir: platform.env.MEDIA_DIR,
      codec: platform.env.TTS_CODEC,
    });
  },
};
