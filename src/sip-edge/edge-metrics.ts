import { collectDefaultMetrics, Counter, Gauge, Registry, Summary } from 'prom-client';

/**
 * The edge's own counters, one registry per edge process (`--role sip-edge` serves it at /metrics):
 * what it admitted and refused, where calls went, how often a server failed a call, and the time the
 * edge itself adds to setting up a call.
 */
export class EdgeMetrics {
  readonly registry = new Registry();
  private readonly invites = new Counter({
    name: 'linli_sip_edge_invites_total',
    help: 'INVITEs from carriers by what became of them (connected, refused, failed, cancelled)',
    labelNames: ['result', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly attempts = new Counter({
    name: 'linli_sip_edge_attempts_total',
    help: 'INVITEs sent to each Asterisk server by how they ended (connected, failed, timeout, call)',
    labelNames: ['server', 'result'] as const,
    registers: [this.registry],
  });
  private readonly added = new Summary({
    name: 'linli_sip_edge_added_latency_seconds',
    help:
      "Time the edge itself adds to a call's set-up: from the carrier's INVITE (or a failed attempt) to the " +
      "INVITE towards Asterisk, plus from Asterisk's 200 OK to the carrier's",
    percentiles: [0.5, 0.9, 0.99],
    registers: [this.registry],
  });
  private readonly active = new Gauge({
    name: 'linli_sip_edge_active_calls',
    help: 'Calls the edge has connected and carries now, by server',
    labelNames: ['server'] as const,
    registers: [this.registry],
  });
  private readonly up = new Gauge({
    name: 'linli_sip_edge_server_up',
    help: '1 while a server is in the rotation (answers OPTIONS), else 0',
    labelNames: ['server'] as const,
    registers: [this.registry],
  });

  constructor(servers: readonly string[]) {
    collectDefaultMetrics({ register: this.registry });
    for (const server of servers) {
      this.up.set({ server }, 1);
      this.active.set({ server }, 0);
    }
  }

  /** An INVITE that got no call: the admission's reason, `call failed` (busy, not found) or `no server`. */
  refused(reason: string): void {
    this.invites.inc({
      result: reason === 'call failed' || reason === 'no server' ? 'failed' : 'refused',
      reason,
    });
  }

  cancelled(): void {
    this.invites.inc({ result: 'cancelled', reason: '' });
  }

  connected(server: string, addedMs: number): void {
    this.invites.inc({ result: 'connected', reason: '' });
    this.added.observe(addedMs / 1000);
    this.active.inc({ server });
  }

  attempt(server: string, result: 'connected' | 'failed' | 'timeout' | 'call'): void {
    this.attempts.inc({ server, result });
  }

  callEnded(server: string): void {
    this.active.dec({ server });
  }

  serverUp(server: string, up: boolean): void {
    this.up.set({ server }, up ? 1 : 0);
  }
}
