/** One call as the carrier saw it: INVITE received → call ended (epoch ms). */
export interface CarriedCall {
  startMs: number;
  endMs: number;
}

export interface Occupancy {
  calls: number;
  /** Sum of the calls' INVITE → end. */
  channelSeconds: number;
  /** Most calls up at once, as the carrier saw them. */
  peak: number;
  /** Most INVITEs within one second: the calls per second the carrier had to accept. */
  peakStartsPerSecond: number;
  /** INVITEs that arrived while `cap` calls were already up. */
  overCapInvites: number;
  /**
   * Channel-seconds the trunk had but carried nothing, from `from` to `to`: before the first INVITE, then
   * up to the last moment every channel was busy, then after it (the campaign running out of calls).
   */
  idle: { beforeFirstCall: number; whileWorkWaited: number; rampDown: number };
  /** The last moment every channel was busy (null: never). */
  lastFullAt: number | null;
  /** Calls that started before that moment (whose gaps make up `whileWorkWaited`). */
  callsUntilLastFull: number;
}

/** How full a trunk of `cap` channels was between `from` and `to`, from the carrier's call log. */
export function occupancy(calls: readonly CarriedCall[], cap: number, from: number, to: number): Occupancy {
  const edges = calls.flatMap((c) => [
    { at: c.startMs, step: 1 },
    { at: c.endMs, step: -1 },
  ]);
  // At equal times an end goes first: a channel freed and retaken at once was never two calls.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let up = 0;
  let peak = 0;
  let overCapInvites = 0;
  let lastFullAt: number | null = null;
  let busySeconds = 0;
  let busyUntilLastFull = 0;
  let previous = from;
  for (const edge of edges) {
    busySeconds += (up * (edge.at - previous)) / 1000;
    previous = edge.at;
    if (edge.step > 0 && up >= cap) overCapInvites += 1;
    if (up >= cap && edge.step < 0) {
      lastFullAt = edge.at;
      busyUntilLastFull = busySeconds;
    }
    up += edge.step;
    peak = Math.max(peak, up);
  }
  const first = calls.length === 0 ? to : Math.min(...calls.map((c) => c.startMs));
  const beforeFirstCall = (cap * (first - from)) / 1000;
  const fullUntil = lastFullAt ?? first;
  const whileWorkWaited = Math.max(0, (cap * (fullUntil - first)) / 1000 - busyUntilLastFull);
  const total = (cap * (to - from)) / 1000;
  return {
    calls: calls.length,
    channelSeconds: busySeconds,
    peak,
    peakStartsPerSecond: mostWithinOneSecond(calls.map((c) => c.startMs)),
    overCapInvites,
    idle: {
      beforeFirstCall,
      whileWorkWaited,
      rampDown: Math.max(0, total - busySeconds - beforeFirstCall - whileWorkWaited),
    },
    lastFullAt,
    callsUntilLastFull: calls.filter((c) => c.startMs <= fullUntil).length,
  };
}

function mostWithinOneSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= 1000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
