import { EventEmitter } from 'node:events';
import type { EdgeTargetConfig } from '../config/sip-edge-config';
import {
  applyProbe,
  FIRST_HEALTH,
  serversToTry,
  type HealthPolicy,
  type RoutingStrategy,
  type ServerHealth,
} from './domain';

interface PoolEvents {
  /** A server went out of the rotation. */
  down: [string];
  up: [string];
}

/**
 * The Asterisk servers behind this edge: their health and how many calls the edge has on each.
 * What to do with those facts is decided by the pure rules in ./domain.
 */
export class ServerPool extends EventEmitter<PoolEvents> {
  private readonly health = new Map<string, ServerHealth>();
  private readonly active = new Map<string, number>();
  /** Servers that failed an INVITE (5xx, 408, silence): tried last until they answer an OPTIONS again. */
  private readonly suspected = new Set<string>();
  private turn = 0;

  constructor(
    readonly servers: readonly EdgeTargetConfig[],
    private readonly strategy: RoutingStrategy,
    private readonly policy: HealthPolicy,
  ) {
    super();
    for (const s of servers) {
      this.health.set(s.name, FIRST_HEALTH);
      this.active.set(s.name, 0);
    }
  }

  /** The servers to try for a new call, best first. */
  order(sticky?: string): EdgeTargetConfig[] {
    const loads = this.servers.map((s) => ({
      name: s.name,
      up: (this.health.get(s.name)?.up ?? false) && !this.suspected.has(s.name),
      activeCalls: this.active.get(s.name) ?? 0,
    }));
    const names = serversToTry(loads, this.strategy, this.turn++, sticky);
    return names.map((n) => this.servers.find((s) => s.name === n) as EdgeTargetConfig);
  }

  /**
   * An answer (or none) to an OPTIONS. Failed INVITEs do not count: a live server refusing new calls
   * (503 when overloaded) still carries its calls, and a server taken out has its calls ended.
   */
  observe(server: string, ok: boolean): void {
    if (ok) this.suspected.delete(server);
    const before = this.health.get(server) ?? FIRST_HEALTH;
    const after = applyProbe(before, ok, this.policy);
    this.health.set(server, after);
    if (before.up && !after.up) this.emit('down', server);
    if (!before.up && after.up) this.emit('up', server);
  }

  /**
   * A server that failed an INVITE (5xx, 408, silence): new calls try it last from now on, without
   * waiting for the health checks, but its calls are not ended (only the health checks take a server out).
   */
  suspect(server: string): void {
    this.suspected.add(server);
  }

  isUp(server: string): boolean {
    return this.health.get(server)?.up ?? false;
  }

  callStarted(server: string): void {
    this.active.set(server, (this.active.get(server) ?? 0) + 1);
  }

  callEnded(server: string): void {
    this.active.set(server, Math.max(0, (this.active.get(server) ?? 0) - 1));
  }
}
