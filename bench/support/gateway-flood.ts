import { execSync, fork } from 'node:child_process';
import { join } from 'node:path';
import type { FleetReport, FleetRequest } from '../gateway-fleet';

export interface GatewayFloodOptions {
  /** Where the card gateway listens (on 127.0.0.1). */
  port: number;
  cards: number;
  /** The fleet's IMEIs: this prefix, then the card's number (simulators/cards/card-fleet.ts fleetImei). */
  imeiPrefix: string;
  durationMs: number;
  /** Frames per burst, the last one an LK the gateway answers before the card sends its next burst. */
  burstSize: number;
  /** The gateway's count of frames received so far (CardGateway.stats().framesReceived). */
  framesReceived(): number;
  /** Called once every card is connected, before the flood. */
  onConnected?(cards: number, connectMs: number): void;
}

export interface GatewayFlood {
  cards: number;
  connectMs: number;
  seconds: number;
  framesSent: number;
  burstsAnswered: number;
  /** Frames the gateway received during the flood. */
  handled: number;
  framesPerSecond: number;
}

const FD_MARGIN = 200;

/** Each card holds a descriptor in the fleet's process: stop early, and say why, when they would run out. */
export function checkDescriptorLimit(cards: number): void {
  const soft = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
  const limit = soft === 'unlimited' ? Infinity : Number(soft);
  if (limit < cards + FD_MARGIN) {
    throw new Error(
      `ulimit -n is ${limit}; ${cards} cards need at least ${cards + FD_MARGIN}. Run "ulimit -n 65536" first.`,
    );
  }
}

/**
 * The card gateway's throughput: `cards` simulated love cards connect to the gateway, then each sends
 * bursts of positions plus an LK, its next burst once the gateway answered the LK, for `durationMs`.
 * The cards run in a child process (bench/gateway-fleet.ts), so they do not share the gateway's CPU.
 */
export async function floodGateway(options: GatewayFloodOptions): Promise<GatewayFlood> {
  checkDescriptorLimit(options.cards);
  const fleet = fork(join(__dirname, '../gateway-fleet.ts'), [], { execArgv: ['-r', '@swc-node/register'] });
  const reports: FleetReport[] = [];
  const waiting: ((r: FleetReport) => void)[] = [];
  fleet.on('message', (r: FleetReport) => (waiting.shift() ?? ((x: FleetReport) => reports.push(x)))(r));
  const exited = new Promise<FleetReport>((resolve) =>
    fleet.once('exit', (code, signal) =>
      resolve({ type: 'failed', error: `card fleet exited (${code ?? signal}) before reporting` }),
    ),
  );
  const next = () =>
    Promise.race([
      new Promise<FleetReport>((resolve) => {
        const queued = reports.shift();
        if (queued) resolve(queued);
        else waiting.push(resolve);
      }),
      exited,
    ]);
  const ask = (request: FleetRequest) => fleet.send(request);
  try {
    ask({
      type: 'start',
      host: '127.0.0.1',
      port: options.port,
      count: options.cards,
      imeiPrefix: options.imeiPrefix,
    });
    const connected = await next();
    if (connected.type !== 'connected')
      throw new Error(`card fleet did not start: ${JSON.stringify(connected)}`);
    options.onConnected?.(connected.cards, connected.connectMs);
    const before = options.framesReceived();
    const started = process.hrtime.bigint();
    ask({ type: 'flood', durationMs: options.durationMs, burstSize: options.burstSize });
    const flooded = await next();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (flooded.type !== 'flooded') throw new Error(`card fleet failed: ${JSON.stringify(flooded)}`);
    const handled = options.framesReceived() - before;
    return {
      cards: connected.cards,
      connectMs: connected.connectMs,
      seconds,
      framesSent: flooded.framesSent,
      burstsAnswered: flooded.burstsAnswered,
      handled,
      framesPerSecond: Math.round(handled / seconds),
    };
  } finally {
    fleet.kill();
  }
}
