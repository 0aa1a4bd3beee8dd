/** A token bucket per source: `perSecond` calls on average, `burst` at once. */
export interface RatePolicy {
  perSecond: number;
  burst: number;
}

export interface Bucket {
  tokens: number;
  at: number;
}

/** Takes one token if there is one; the bucket refills with time up to the burst. */
export function takeToken(
  bucket: Bucket | undefined,
  now: number,
  policy: RatePolicy,
): { allowed: boolean; bucket: Bucket } {
  const elapsed = bucket ? Math.max(0, now - bucket.at) : 0;
  const tokens = bucket
    ? Math.min(policy.burst, bucket.tokens + (elapsed / 1000) * policy.perSecond)
    : policy.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: now } };
  return { allowed: false, bucket: { tokens, at: now } };
}

/** Whether a bucket is full again by `now`, so it can be forgotten. */
export function bucketRefilled(bucket: Bucket, now: number, policy: RatePolicy): boolean {
  return bucket.tokens + ((now - bucket.at) / 1000) * policy.perSecond >= policy.burst;
}
