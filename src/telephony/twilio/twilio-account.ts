import type { Env } from '../../config/env';
import { isTwilioTrunk, type TrunkConfig } from '../../config/telephony-config';

/** How prompts are spoken on Twilio: linli's TTS played from linli, or Twilio's own <Say>. */
export type TwilioSpeech = 'linli' | 'twilio';

/** One Twilio account and how linli meets it: what the driver and the webhooks share. */
export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  /** Caller id of every call placed: a number of the account. */
  fromNumber: string;
  /** The base URL Twilio reaches linli's API at (no trailing slash), exactly as Twilio signs it. */
  publicUrl: string;
  /** Twilio's REST API base (https://api.twilio.com; a local fake in tests). */
  apiUrl: string;
  /** Calls per second the account may start, shared by all its trunks and processes. */
  cps: number;
  speech: TwilioSpeech;
  sayLanguage: string;
  sayVoice?: string;
  /** The trunks placed through this account. */
  trunks: readonly TrunkConfig[];
  /** Redis key prefix shared by every process of the installation. */
  keyPrefix: string;
}

/** Where webhooks and prompts live under linli's API. */
export const WEBHOOK_PREFIX = '/twilio';

/** The Twilio account the environment configures, or null when no trunk is on Twilio. */
export function twilioAccountOf(env: Env): TwilioAccount | null {
  const trunks = env.TRUNKS.filter(isTwilioTrunk);
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER, TWILIO_PUBLIC_URL } = env;
  if (
    trunks.length === 0 ||
    !TWILIO_ACCOUNT_SID ||
    !TWILIO_AUTH_TOKEN ||
    !TWILIO_FROM_NUMBER ||
    !TWILIO_PUBLIC_URL
  ) {
    return null;
  }
  return {
    accountSid: TWILIO_ACCOUNT_SID,
    authToken: TWILIO_AUTH_TOKEN,
    fromNumber: TWILIO_FROM_NUMBER,
    publicUrl: TWILIO_PUBLIC_URL,
    apiUrl: env.TWILIO_API_URL,
    cps: env.TWILIO_CPS,
    speech: env.TWILIO_SPEECH,
    sayLanguage: env.TWILIO_SAY_LANGUAGE,
    ...(env.TWILIO_SAY_VOICE ? { sayVoice: env.TWILIO_SAY_VOICE } : {}),
    trunks,
    keyPrefix: env.QUEUE_PREFIX,
  };
}
