/**
 * A token bucket limiting call starts per second, kept as the time its next token is due (the GCRA form
 * of a token bucket): exact in milliseconds, with no fractional tokens drifting over a long campaign.
 *
 * With `burst` 1 consecutive starts are at least 1/cps seconds apart, so no one-second span ever holds
 * more than ⌈cps⌉ starts. A burst of b lets b calls start together after a quiet spell, at the cost of up
 * to b - 1 extra starts in some one-second span.
 */
export interface CpsBucket {
  callsPerSecond: number;
  burst: number;
  /** Epoch ms at which the bucket would hold exactly one token (may be in the past). */
  nextTokenAtMs: number;
}

export function createCpsBucket(callsPerSecond: number, burst = 1): CpsBucket {
  if (!(callsPerSecond > 0) || !Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`a CPS bucket needs callsPerSecond > 0 and a whole burst >= 1`);
  }
  return { callsPerSecond, burst, nextTokenAtMs: 0 };
}

const intervalMs = (bucket: CpsBucket): number => 1000 / bucket.callsPerSecond;

/** How many calls may start at `now`. */
export function availableCalls(bucket: CpsBucket, now: Date): number {
  const t = now.getTime();
  const interval = intervalMs(bucket);
  const due = Math.max(bucket.nextTokenAtMs, t);
  const slack = t + (bucket.burst - 1) * interval - due;
  return slack < 0 ? 0 : Math.min(bucket.burst, Math.floor(slack / interval) + 1);
}

/** The bucket after `count` calls started at `now`; `count` must not exceed `availableCalls`. */
export function takeCalls(bucket: CpsBucket, now: Date, count: number): CpsBucket {
  if (count > availableCalls(bucket, now)) {
    throw new RangeError(`${count} calls would exceed ${bucket.callsPerSecond} calls per second`);
  }
  if (count === 0) return bucket;
  const due = Math.max(bucket.nextTokenAtMs, now.getTime());
  return { ...bucket, nextTokenAtMs: due + count * intervalMs(bucket) };
}

/** The first whole millisecond at or after `now` when at least one call may start. */
export function nextCallAllowedAt(bucket: CpsBucket, now: Date): Date {
  const earliest = bucket.nextTokenAtMs - (bucket.burst - 1) * intervalMs(bucket);
  return new Date(Math.max(now.getTime(), Math.ceil(earliest)));
}
