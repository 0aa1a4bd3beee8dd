/** How long simulated phones take for each step, in milliseconds. */
export interface PhoneTiming {
  /** Ringing before the phone answers or declines. */
  readonly ringMs: number;
  /** From answering to the first key press: the person listens to the message first. */
  readonly pressDelayMs: number;
  /** Between two key presses. */
  readonly digitGapMs: number;
  /** How long each key is held down (the RFC 4733 event duration). */
  readonly digitToneMs: number;
  /** An answering machine's greeting, before its beep. */
  readonly greetingMs: number;
  /** The phone hangs up on its own after this long, if the caller never does. */
  readonly maxCallMs: number;
  /** How long the network lets an unanswered phone ring before it ends the call with 480 itself. */
  readonly noAnswerGiveUpMs: number;
}

export const DEFAULT_PHONE_TIMING: PhoneTiming = {
  ringMs: 2000,
  pressDelayMs: 1500,
  digitGapMs: 300,
  digitToneMs: 120,
  greetingMs: 5000,
  maxCallMs: 300_000,
  noAnswerGiveUpMs: 120_000,
};

/** Asterisk misses RFC 4733 events much shorter than this, so scaling never goes below it. */
const SHORTEST_RELIABLE_TONE_MS = 60;

export function resolvePhoneTiming(overrides: Partial<PhoneTiming> = {}): PhoneTiming {
  const timing = { ...DEFAULT_PHONE_TIMING, ...overrides };
  for (const [name, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`phone timing ${name} must be >= 0 ms, got ${value}`);
  }
  if (timing.digitToneMs < SHORTEST_RELIABLE_TONE_MS) {
    throw new Error(`phone timing digitToneMs must be >= ${SHORTEST_RELIABLE_TONE_MS} ms`);
  }
  return timing;
}

/**
 * Speeds phones up (factor < 1) for benchmarks. The safety limits (maxCallMs, noAnswerGiveUpMs)
 * and the key press length stay as they are: they are about Asterisk, not about people.
 */
export function scalePhoneTiming(timing: PhoneTiming, factor: number): PhoneTiming {
  if (!(factor > 0)) throw new Error(`time scale must be > 0, got ${factor}`);
  const scale = (ms: number): number => Math.round(ms * factor);
  return {
    ...timing,
    ringMs: scale(timing.ringMs),
    pressDelayMs: scale(timing.pressDelayMs),
    digitGapMs: Math.max(scale(timing.digitGapMs), SHORTEST_RELIABLE_TONE_MS),
    greetingMs: scale(timing.greetingMs),
  };
}
