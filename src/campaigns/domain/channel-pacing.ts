import { availableCalls, type CpsBucket, nextCallAllowedAt, takeCalls } from './cps-bucket';

export interface CallStartRequest {
  now: Date;
  /** Most simultaneous calls allowed. */
  channels: number;
  /** Calls up now, counting every campaign that shares the limit. */
  channelsInUse: number;
  bucket: CpsBucket;
  /** Calls ready to dial. */
  wanted: number;
}

export interface CallStartDecision {
  mayStart: number;
  /** The bucket with `mayStart` calls taken. */
  bucket: CpsBucket;
  /** What held calls back: null when every wanted call may start. */
  limitedBy: 'channels' | 'calls_per_second' | null;
  /**
   * When the calls-per-second limit will let another call start. Null when nothing is held back by that
   * limit: ask again when a channel frees or more calls are ready.
   */
  checkAgainAt: Date | null;
}

/** How many calls may start now under a channel cap and a calls-per-second cap. */
export function decideCallStarts(request: CallStartRequest): CallStartDecision {
  const free = Math.max(0, request.channels - request.channelsInUse);
  const wanted = Math.max(0, request.wanted);
  const tokens = availableCalls(request.bucket, request.now);
  const mayStart = Math.min(free, tokens, wanted);
  const bucket = takeCalls(request.bucket, request.now, mayStart);
  if (mayStart === wanted) return { mayStart, bucket, limitedBy: null, checkAgainAt: null };
  if (mayStart === free) return { mayStart, bucket, limitedBy: 'channels', checkAgainAt: null };
  return {
    mayStart,
    bucket,
    limitedBy: 'calls_per_second',
    checkAgainAt: nextCallAllowedAt(bucket, request.now),
  };
}
