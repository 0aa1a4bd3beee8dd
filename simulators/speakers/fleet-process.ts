/**
 * A SpeakerFleet in a process of its own, as real speakers are: a benchmark that ran a thousand
 * speakers' MQTT parsing, downloads and sha256 checks on linli's own event loop measured the fleet as
 * much as linli. The parent starts it with `FleetProcess.start` and asks it, over Node's IPC channel,
 * when every speaker reported a state; timestamps are the speakers' own (one machine, one clock).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { DeliveryState } from '../../src/broadcasts/mqtt/speaker-protocol';
import { SpeakerFleet, type FleetSpeaker } from './speaker-fleet';

/** What each speaker did for one broadcast: when its play command arrived and when it reported. */
export interface FleetTiming {
  deviceId: string;
  commandAtMs: number;
  reportedAtMs: number;
}

interface FleetProcessOptions {
  speakers: FleetSpeaker[];
  timeScale: number;
  heartbeatMs?: number;
}

type Request =
  | { type: 'wait'; id: number; broadcastId: string; state: DeliveryState; timeoutMs: number }
  | { type: 'close'; id: number };

type Reply =
  | { type: 'ready' }
  | { type: 'failed'; reason: string }
  | { type: 'timings'; id: number; timings: FleetTiming[]; cpuMs: number }
  | { type: 'error'; id: number; reason: string }
  | { type: 'closed'; id: number };

/** The parent's handle on a fleet running in a child process. */
export class FleetProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly deviceIds: string[],
  ) {
    child.on('message', (reply: Reply) => {
      if ('id' in reply) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  /** Forks the fleet and resolves when every speaker is online and subscribed. */
  static async start(options: FleetProcessOptions): Promise<FleetProcess> {
    const child = fork(__filename, [JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the speaker fleet exited (${code}) before it was up`));
      child.once('exit', onExit);
      child.once('message', (reply: Reply) => {
        child.off('exit', onExit);
        if (reply.type === 'ready') resolve();
        else
          reject(
            new Error(
              `the speaker fleet did not start: ${reply.type === 'failed' ? reply.reason : reply.type}`,
            ),
          );
      });
    });
    return new FleetProcess(
      child,
      options.speakers.map((s) => s.deviceId),
    );
  }

  private ask(request: Request): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the speaker fleet process exited'));
      this.child.once('exit', onExit);
      this.pending.set(request.id, (reply) => {
        this.child.off('exit', onExit);
        resolve(reply);
      });
      this.child.send(request);
    });
  }

  /**
   * Resolves when every speaker reported `state` for the broadcast, with each one's timing and the
   * processor time the fleet spent meanwhile (what a thousand devices' work costs this machine).
   */
  async waitForAll(
    broadcastId: string,
    state: DeliveryState,
    timeoutMs: number,
  ): Promise<{ timings: FleetTiming[]; cpuMs: number }> {
    const reply = await this.ask({ type: 'wait', id: this.nextId++, broadcastId, state, timeoutMs });
    if (reply.type === 'timings') return { timings: reply.timings, cpuMs: reply.cpuMs };
    throw new Error(reply.type === 'error' ? reply.reason : `unexpected reply ${reply.type}`);
  }

  /** Closes the fleet (clearing its retained presence) and waits for the process to end. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.ask({ type: 'close', id: this.nextId++ }).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }
}

/** The child: runs the fleet and answers the parent's questions. */
async function runChild(options: FleetProcessOptions): Promise<void> {
  const send = (reply: Reply) => process.send?.(reply);
  let fleet: SpeakerFleet;
  try {
    fleet = await SpeakerFleet.start({
      speakers: options.speakers,
      timeScale: options.timeScale,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
  } catch (error) {
    send({ type: 'failed', reason: (error as Error).message });
    process.exit(1);
  }
  process.on('disconnect', () => void fleet.close().finally(() => process.exit(0)));
  process.on('message', (request: Request) => {
    if (request.type === 'close') {
      void fleet.close().finally(() => {
        send({ type: 'closed', id: request.id });
        process.disconnect();
        process.exit(0);
      });
      return;
    }
    const cpuBefore = process.cpuUsage();
    fleet
      .waitForAll(request.broadcastId, request.state, fleet.deviceIds, request.timeoutMs)
      .then(() => {
        const cpu = process.cpuUsage(cpuBefore);
        const commandAt = new Map<string, number>();
        for (const c of fleet.commands) {
          if (c.command.type === 'play' && c.command.broadcastId === request.broadcastId)
            if (!commandAt.has(c.deviceId)) commandAt.set(c.deviceId, c.at.getTime());
        }
        const timings = new Map<string, FleetTiming>();
        for (const r of fleet.reportsOf({ broadcastId: request.broadcastId, state: request.state })) {
          if (timings.has(r.deviceId)) continue; // a command delivered twice reports once per delivery
          timings.set(r.deviceId, {
            deviceId: r.deviceId,
            commandAtMs: commandAt.get(r.deviceId) ?? NaN,
            reportedAtMs: r.at.getTime(),
          });
        }
        send({
          type: 'timings',
          id: request.id,
          timings: [...timings.values()],
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        });
      })
      .catch((error: Error) => send({ type: 'error', id: request.id, reason: error.message }));
  });
  send({ type: 'ready' });
}

if (require.main === module) void runChild(JSON.parse(process.argv[2] ?? '{}') as FleetProcessOptions);
