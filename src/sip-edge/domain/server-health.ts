/**
 * Whether an Asterisk server takes calls, from its answers to OPTIONS: a few
 * failures in a row take it out of the rotation, a few answers in a row bring it back, so one lost
 * packet neither hides a server nor sends calls to one that is restarting.
 */
export interface HealthPolicy {
  downAfterFailures: number;
  upAfterSuccesses: number;
}

export interface ServerHealth {
  up: boolean;
  /** Failures (while up) or successes (while down) in a row. */
  streak: number;
}

/** A server is taken to be up until it fails: calls at start are not refused while the first probe is out. */
export const FIRST_HEALTH: ServerHealth = { up: true, streak: 0 };

export function applyProbe(health: ServerHealth, ok: boolean, policy: HealthPolicy): ServerHealth {
  if (health.up) {
    if (ok) return { up: true, streak: 0 };
    const streak = health.streak + 1;
    return streak >= policy.downAfterFailures ? { up: false, streak: 0 } : { up: true, streak };
  }
  if (!ok) return { up: false, streak: 0 };
  const streak = health.streak + 1;
  return streak >= policy.upAfterSuccesses ? { up: true, streak: 0 } : { up: false, streak };
}
