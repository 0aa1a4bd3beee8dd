import { positionContent } from './card-content';
import { SimulatedCard, type LatLon } from './simulated-card';

export interface CardFleetOptions {
  host: string;
  port: number;
  count: number;
  /** IMEIs are this prefix followed by a zero-padded number, 15 digits in all (default "86373707"). */
  imeiPrefix?: string;
  /** Connections opened at once; keeps the accept backlog from overflowing (default 200). */
  connectConcurrency?: number;
  path?: LatLon[];
}

export interface CardFleet {
  cards: SimulatedCard[];
  close(): Promise<void>;
}

export function fleetImei(prefix: string, n: number): string {
  return prefix + String(n).padStart(15 - prefix.length, '0');
}

/** Mass mode: N simulated cards, connected and each having sent INIT and one LK answered. */
export async function startCardFleet(options: CardFleetOptions): Promise<CardFleet> {
  const prefix = options.imeiPrefix ?? '86373707';
  const cards = Array.from(
    { length: options.count },
    (_, i) =>
      new SimulatedCard({
        host: options.host,
        port: options.port,
        imei: fleetImei(prefix, i + 1),
        steps: i * 11,
        ...(options.path ? { path: options.path } : {}),
      }),
  );
  let next = 0;
  const worker = async () => {
    for (let card = cards[next++]; card; card = cards[next++]) {
      await card.connect();
      card.sendInit();
      await card.heartbeatAndWait(30_000);
    }
  };
  await Promise.all(Array.from({ length: options.connectConcurrency ?? 200 }, worker));
  return { cards, close: async () => void (await Promise.all(cards.map((c) => c.close()))) };
}

export interface FloodResult {
  framesSent: number;
  /** Bursts the gateway answered (each burst ends with an LK it must reply to). */
  burstsAnswered: number;
}

/**
 * Every card sends bursts of `burstSize` frames (positions, then one LK) and sends the next
 * burst as soon as the gateway answers the LK: the offered load follows what the gateway takes.
 */
export async function floodFleet(fleet: CardFleet, durationMs: number, burstSize = 8): Promise<FloodResult> {
  const deadline = Date.now() + durationMs;
  let framesSent = 0;
  let burstsAnswered = 0;
  await Promise.all(
    fleet.cards.map(async (card) => {
      // Positions in a burst are identical; building them once keeps the simulator cheap.
      const reading = {
        latitude: 30.27,
        longitude: 120.15,
        at: new Date(),
        battery: 80,
        steps: 100,
        rolls: 0,
      };
      const positions = Array.from({ length: burstSize - 1 }, () =>
        card.frame(positionContent('UD', reading)),
      );
      const isLkReply = (f: { content: Buffer }) => f.content.toString('latin1') === 'LK';
      while (Date.now() < deadline) {
        const reply = card.waitForNextFrame(isLkReply, 30_000);
        card.write(Buffer.concat([...positions, card.frame('LK,100,0,80')]));
        framesSent += burstSize;
        await reply;
        burstsAnswered++;
      }
    }),
  );
  return { framesSent, burstsAnswered };
}
