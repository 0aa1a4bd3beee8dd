import { DEFAULT_RETRY_POLICY, type RetryPolicyOverrides, type RetryRule } from '../../src/campaigns/domain';
import { DEFAULT_PHONE_TIMING, type PhoneTiming } from '../../simulators/phone/phone-timing';

/**
 * What bench/campaign.ts runs, and how it shrinks a campaign of about an hour into minutes. Everything a
 * person does is scaled by `phoneTimeScale`; what Asterisk plays cannot be scaled and is kept short
 * instead; linli's retry delays shrink much more than the rest, because for linli waiting for a retry is
 * policy, not pacing (the channels carry other households meanwhile).
 */
export interface CampaignBenchSettings {
  households: number;
  /** Population and behaviour seed: the same seed dials the same town the same way. */
  seed: string;
  trunk: string;
  channels: number;
  /** Far above what 30 channels of short calls need: the channels are the only limit measured. */
  callsPerSecond: number;
  phoneTimeScale: number;
  /** Unanswered phones: when the network gives up ringing (the simulator never scales this one). */
  noAnswerGiveUpMs: number;
  /** From the end of the message to the key, before scaling: people press when they are asked to. */
  reactionMs: number;
  /** How long someone who pressed a key stays on the line (seconds, not scaled by the simulator). */
  hangUpAfterKeySeconds: number;
  /** Ends in 。 so that linli speaks exactly this text (announceMenu off). */
  message: string;
  callerId: string;
  ringTimeoutSeconds: number;
  digitTimeoutSeconds: number;
  /** The default retry policy's delays are multiplied by this; its retry counts are kept. */
  retryDelayScale: number;
  callFiles: {
    /**
     * The paced script's files per second; null: channels ÷ the length of one answered call (see
     * callFileRate). The headline script drops every file at once and has no rate.
     */
    pacedPerSecond: number | null;
    maxRetries: number;
    retrySeconds: number;
  };
  /** The hour in which the cadre wants to know who confirmed, at the phones' scale (seconds). */
  hourSeconds: number;
  /** A run still going after this long is stopped and reported as such. */
  runLimitSeconds: number;
  /** BENCH_METHODS: which runs to make, for quick looks at one. */
  methods: { linli: boolean; callFiles: boolean; pacedCallFiles: boolean };
}

/**
 * The one retry setting of the naive script, copied from Asterisk's sample call file. Two retries is also
 * what linli's default policy gives busy and unanswered phones: with one setting for every outcome, a
 * larger MaxRetries would ring an unanswered elder's phone that many more times.
 */
const SAMPLE_CALL_FILE = { maxRetries: 2, retrySeconds: 60 };

export function campaignBenchSettings(env: NodeJS.ProcessEnv = process.env): CampaignBenchSettings {
  const retryDelayScale = 1 / 300;
  const phoneTimeScale = numberFrom(env, 'BENCH_TIME_SCALE', 0.1);
  const methods = (env.BENCH_METHODS ?? 'linli,callfiles,callfiles-paced').split(',');
  return {
    households: numberFrom(env, 'BENCH_HOUSEHOLDS', 2300),
    seed: env.BENCH_SEED ?? 'linli',
    trunk: 'pstn',
    channels: 30,
    callsPerSecond: 1000,
    phoneTimeScale,
    // The network ends an unanswered call after 30 s; scaled here, since linli's own ring timeout cannot
    // go below 5 s (the API's minimum) and would otherwise make every unanswered call 50 "real" seconds.
    noAnswerGiveUpMs: Math.round(30_000 * phoneTimeScale),
    reactionMs: 1500,
    // espeak's 谢谢，再见 lasts 1.8 s and cannot be scaled; people who pressed a key hang up during it
    // (0.3 s here, as a 3 s goodbye would be scaled), so answered calls keep their real proportions.
    hangUpAfterKeySeconds: numberFrom(env, 'BENCH_HANG_UP_AFTER_KEY_S', 0.3),
    // About 2 s of espeak: a 20 s notification at the phones' scale; "请按1" comes last, as usual.
    message: '开会，请按1。',
    callerId: '057112345678',
    ringTimeoutSeconds: 5,
    digitTimeoutSeconds: 1,
    retryDelayScale,
    callFiles: {
      pacedPerSecond: env.BENCH_CALLFILE_RATE ? numberFrom(env, 'BENCH_CALLFILE_RATE', 0) : null,
      maxRetries: numberFrom(env, 'BENCH_CALLFILE_MAX_RETRIES', SAMPLE_CALL_FILE.maxRetries),
      // For call files a retry is also what paces the calls turned away at the cap, so RetryTime is
      // scaled like the calls it waits for, not like linli's policy delays.
      retrySeconds: numberFrom(
        env,
        'BENCH_CALLFILE_RETRY_S',
        Math.max(1, Math.round(SAMPLE_CALL_FILE.retrySeconds * phoneTimeScale)),
      ),
    },
    hourSeconds: 3600 * phoneTimeScale,
    runLimitSeconds: numberFrom(env, 'BENCH_RUN_LIMIT_S', 600),
    methods: {
      linli: methods.includes('linli'),
      callFiles: methods.includes('callfiles'),
      pacedCallFiles: methods.includes('callfiles-paced'),
    },
  };
}

/** The campaign's retry policy: the default counts, the delays scaled (fractions of minutes are allowed). */
export function scaledRetryPolicy(settings: CampaignBenchSettings): RetryPolicyOverrides {
  const d = DEFAULT_RETRY_POLICY;
  // Only retries and delay: the API takes nothing else per outcome (machine's leaveMessage included).
  const scaled = (rule: RetryRule): RetryRule => ({
    retries: rule.retries,
    delayMinutes: rule.delayMinutes * settings.retryDelayScale,
  });
  return {
    busy: scaled(d.busy),
    no_answer: scaled(d.no_answer),
    failed: scaled(d.failed),
    answered_no_digit: scaled(d.answered_no_digit),
    rejected: scaled(d.rejected),
    machine: scaled(d.machine),
    unknown: scaled(d.unknown),
    maxRoundsPerHousehold: d.maxRoundsPerHousehold,
  };
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a number above 0, got "${raw}"`);
  return value;
}

/**
 * The simulated people (before the simulator scales them): they ring as the simulator's default, and
 * press their key once the message has asked them to, `reactionMs` after it ends.
 */
export function phoneTiming(settings: CampaignBenchSettings, messageMs: number): Partial<PhoneTiming> {
  return {
    pressDelayMs: Math.round(messageMs / settings.phoneTimeScale + settings.reactionMs),
    noAnswerGiveUpMs: settings.noAnswerGiveUpMs,
  };
}

/**
 * The paced script's rate: a careful IT person times one call to their own phone (it rings, the message plays,
 * they press 1 and hang up) and drops channels ÷ that many files a second, trusting GROUP_COUNT with the
 * moments when more calls than that are up.
 */
export function callFileRate(settings: CampaignBenchSettings, messageMs: number): number {
  const timing = { ...DEFAULT_PHONE_TIMING, ...phoneTiming(settings, messageMs) };
  // The simulator scales ringing and the wait before the key, not the key itself.
  const personMs = (timing.ringMs + timing.pressDelayMs) * settings.phoneTimeScale + timing.digitToneMs;
  return settings.channels / (personMs / 1000 + settings.hangUpAfterKeySeconds);
}
