/** How the edge picks the Asterisk server for a new call. */
export type RoutingStrategy = 'least-busy' | 'round-robin';

interface ServerLoad {
  name: string;
  up: boolean;
  /** Calls the edge has on the server now. */
  activeCalls: number;
}

/**
 * The servers to try for a new call, in order. Healthy servers first: the least busy (ties taken
 * in turn from `turn`), or simply in turn for round-robin; `sticky` (the server a call with the
 * same Call-ID went to) leads when it is healthy. Servers thought down come last: an SOS call
 * tries them rather than being refused when every healthy one failed.
 */
export function serversToTry(
  servers: readonly ServerLoad[],
  strategy: RoutingStrategy,
  turn: number,
  sticky?: string,
): string[] {
  const n = servers.length;
  const rotated = servers.map((_, i) => servers[(((turn + i) % n) + n) % n] as ServerLoad);
  const healthy = rotated.filter((s) => s.up);
  if (strategy === 'least-busy') healthy.sort((a, b) => a.activeCalls - b.activeCalls);
  const stickyFirst = healthy.findIndex((s) => s.name === sticky);
  if (stickyFirst > 0) healthy.unshift(...healthy.splice(stickyFirst, 1));
  return [...healthy, ...rotated.filter((s) => !s.up)].map((s) => s.name);
}

/** What an attempt on one server ended with, short of a call that was answered. */
export type AttemptFailure = { status: number } | { timedOut: true };

/**
 * Whether a failed attempt is the server's fault (try the next one) or the call's (give the
 * answer to the carrier): server errors, a 408 and no answer at all are the server's; busy, not
 * found, the caller's cancel are the call's.
 */
export function isServerFailure(failure: AttemptFailure): boolean {
  if ('timedOut' in failure) return true;
  return (failure.status >= 500 && failure.status < 600) || failure.status === 408;
}
