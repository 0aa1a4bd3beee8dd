import { EventEmitter } from 'node:events';
import type { DeliveryState, PlayCommand, SpeakerCommand } from '../../src/broadcasts/mqtt/speaker-protocol';
import type { SpeakerBehaviour } from './speaker-behaviour';
import { SimulatedSpeaker, type SpeakerReport } from './simulated-speaker';

export interface FleetSpeaker {
  deviceId: string;
  behaviour?: SpeakerBehaviour;
}

export interface SpeakerFleetOptions {
  speakers: readonly FleetSpeaker[];
  /** Default mqtt://127.0.0.1:1883 (the Mosquitto this machine runs). */
  brokerUrl?: string;
  /** 1 plays in real time (default); tests use e.g. 0.01 so a 5 s notice plays in 50 ms. */
  timeScale?: number;
  /** Default 30 s, as 4G speakers send them. */
  heartbeatMs?: number;
  /** Connections opened at once (default 100): a thousand CONNECTs at once overflow the broker's backlog. */
  connectConcurrency?: number;
  mqttCredentials?: (deviceId: string) => { username: string; password: string };
  audioHeaders?: (deviceId: string) => Record<string, string>;
}

export interface ReceivedCommand {
  deviceId: string;
  command: SpeakerCommand;
  at: Date;
}

/** `<prefix>-001` … with one behaviour: the usual way to ask for N speakers. */
export function numberedSpeakers(
  prefix: string,
  count: number,
  behaviour?: SpeakerBehaviour,
): FleetSpeaker[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => ({
    deviceId: `${prefix}-${String(i + 1).padStart(width, '0')}`,
    ...(behaviour ? { behaviour } : {}),
  }));
}

/**
 * Many simulated 4G loudspeakers in one process, each on its own MQTT connection. Tests read what
 * the speakers did (`reports`, `commands`) and wait for it with `waitUntil`, which re-checks on
 * every report a speaker makes and every command it receives: no polling, no sleeps.
 */
export class SpeakerFleet {
  readonly reports: SpeakerReport[] = [];
  readonly commands: ReceivedCommand[] = [];
  private readonly byId = new Map<string, SimulatedSpeaker>();
  private readonly broadcastOf = new Map<string, string>();
  /** Speakers by broadcast and state reported: a wait over a thousand speakers is re-checked in O(1). */
  private readonly reported = new Map<string, Map<DeliveryState, Set<string>>>();
  private readonly changed = new EventEmitter();

  private constructor(private readonly options: SpeakerFleetOptions) {
    this.changed.setMaxListeners(0);
    for (const { deviceId, behaviour } of options.speakers) {
      if (this.byId.has(deviceId)) throw new Error(`speaker ${deviceId} twice in the fleet`);
      this.byId.set(
        deviceId,
        new SimulatedSpeaker({
          deviceId,
          brokerUrl: options.brokerUrl ?? 'mqtt://127.0.0.1:1883',
          behaviour: behaviour ?? { kind: 'normal' },
          timeScale: options.timeScale ?? 1,
          heartbeatMs: options.heartbeatMs ?? 30_000,
          ...(options.mqttCredentials ? { mqttCredentials: options.mqttCredentials(deviceId) } : {}),
          ...(options.audioHeaders ? { audioHeaders: options.audioHeaders(deviceId) } : {}),
          onReport: (report) => this.record(() => this.onReport(report)),
          onCommand: (id, command) => this.record(() => this.onCommand(id, command)),
        }),
      );
    }
  }

  /** Connects every speaker but the `offline` ones; resolves when each is online and subscribed. */
  static async start(options: SpeakerFleetOptions): Promise<SpeakerFleet> {
    const fleet = new SpeakerFleet(options);
    const speakers = [...fleet.byId.values()];
    let next = 0;
    const worker = async () => {
      for (let speaker = speakers[next++]; speaker; speaker = speakers[next++]) await speaker.connect();
    };
    try {
      await Promise.all(Array.from({ length: options.connectConcurrency ?? 100 }, worker));
    } catch (error) {
      await fleet.close();
      throw error;
    }
    return fleet;
  }

  speaker(deviceId: string): SimulatedSpeaker {
    const speaker = this.byId.get(deviceId);
    if (!speaker) throw new Error(`no speaker ${deviceId} in the fleet`);
    return speaker;
  }

  get deviceIds(): string[] {
    return [...this.byId.keys()];
  }

  /** Reports about one delivery, or about every delivery of a broadcast (known from its play commands). */
  reportsOf(filter: {
    deliveryId?: string;
    broadcastId?: string;
    deviceId?: string;
    state?: DeliveryState;
  }): SpeakerReport[] {
    return this.reports.filter(
      (r) =>
        (filter.deliveryId === undefined || r.deliveryId === filter.deliveryId) &&
        (filter.broadcastId === undefined || this.broadcastOf.get(r.deliveryId) === filter.broadcastId) &&
        (filter.deviceId === undefined || r.deviceId === filter.deviceId) &&
        (filter.state === undefined || r.state === filter.state),
    );
  }

  /** The speakers that reported `state` for a broadcast, sorted. */
  speakersIn(broadcastId: string, state: DeliveryState): string[] {
    return [...(this.reported.get(broadcastId)?.get(state) ?? [])].sort();
  }

  /** Play commands a speaker received (duplicates included). */
  playsReceivedBy(deviceId: string): PlayCommand[] {
    return this.commands.flatMap((c) =>
      c.deviceId === deviceId && c.command.type === 'play' ? [c.command] : [],
    );
  }

  /**
   * Resolves with the first value `check` returns that is not undefined/false, re-checking whenever
   * a speaker reports or receives a command; rejects after `timeoutMs` naming `what`.
   */
  waitUntil<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined || value === false) return false;
        finish();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        const recent = this.reports.slice(-5).map((r) => `${r.deviceId} ${r.deliveryId} ${r.state}`);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; last reports: ${recent.join('; ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.changed.off('change', attempt);
      };
      if (!attempt()) this.changed.on('change', attempt);
    });
  }

  /** Waits for one speaker's report of a delivery in that state. */
  waitForReport(
    deviceId: string,
    deliveryId: string,
    state: DeliveryState,
    timeoutMs?: number,
  ): Promise<SpeakerReport> {
    return this.waitUntil(
      () => this.reportsOf({ deviceId, deliveryId, state })[0],
      `${deviceId} to report ${deliveryId} ${state}`,
      timeoutMs,
    );
  }

  /** Waits until every one of `deviceIds` has reported `state` for a delivery of the broadcast. */
  waitForAll(
    broadcastId: string,
    state: DeliveryState,
    deviceIds: readonly string[],
    timeoutMs?: number,
  ): Promise<string[]> {
    return this.waitUntil(
      () => {
        const done = this.reported.get(broadcastId)?.get(state);
        if (!done || done.size < deviceIds.length) return false;
        return deviceIds.every((id) => done.has(id)) && [...deviceIds].sort();
      },
      `${deviceIds.length} speakers to report broadcast ${broadcastId} ${state}`,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.byId.values()].map((s) => s.close()));
  }

  private onReport(report: SpeakerReport): void {
    this.reports.push(report);
    const broadcastId = this.broadcastOf.get(report.deliveryId);
    if (broadcastId === undefined) return;
    const byState = this.reported.get(broadcastId) ?? new Map<DeliveryState, Set<string>>();
    this.reported.set(broadcastId, byState);
    const speakers = byState.get(report.state) ?? new Set<string>();
    byState.set(report.state, speakers);
    speakers.add(report.deviceId);
  }

  private onCommand(deviceId: string, command: SpeakerCommand): void {
    if (command.type === 'play') this.broadcastOf.set(command.deliveryId, command.broadcastId);
    this.commands.push({ deviceId, command, at: new Date() });
  }

  private record(update: () => void): void {
    update();
    this.changed.emit('change');
  }
}
