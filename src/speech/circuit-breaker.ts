export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends Error {
  constructor(name: string) {
    super(`${name}: circuit open, not tried`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreakerOptions {
  /** Used in errors and logs. */
  name: string;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one trial call through. */
  coolDownMs: number;
  now?: () => number;
  onStateChange?: (to: CircuitState, from: CircuitState) => void;
}

/**
 * Stops calling a dependency that keeps failing, so callers fail over at once instead of waiting out a timeout
 * each time: closed → open after `failureThreshold` consecutive failures → after `coolDownMs` one trial call
 * (half-open) → closed if it succeeds, open for another cool-down if it fails. Calls made while the trial is in
 * flight are refused like calls made while open.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The state as of the last call; an open circuit whose cool-down has passed still reads open until it is tried. */
  get state(): CircuitState {
    return this.current;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    const isTrial = this.admit();
    try {
      const result = await operation();
      this.failures = 0;
      if (this.current !== 'closed') this.moveTo('closed');
      return result;
    } catch (err) {
      this.failures += 1;
      if (isTrial || this.failures >= this.options.failureThreshold) {
        this.openedAt = this.now();
        if (this.current !== 'open') this.moveTo('open');
      }
      throw err;
    }
  }

  /** Lets a call through (true when it is the half-open trial) or throws CircuitOpenError. */
  private admit(): boolean {
    if (this.current === 'closed') return false;
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.coolDownMs) {
      this.moveTo('half-open');
      return true;
    }
    throw new CircuitOpenError(this.options.name);
  }

  private moveTo(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    this.options.onStateChange?.(next, previous);
  }
}
