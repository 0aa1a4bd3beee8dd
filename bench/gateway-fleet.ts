/**
 * Child process of bench/gateway.ts: runs the simulated card fleet, so the cards do not share
 * a CPU core's event loop with the gateway they are measuring.
 */
import { floodFleet, startCardFleet } from '../simulators/cards/card-fleet';

export type FleetRequest =
  | { type: 'start'; host: string; port: number; count: number; imeiPrefix: string }
  | { type: 'flood'; durationMs: number; burstSize: number };

export type FleetReport =
  | { type: 'connected'; cards: number; connectMs: number }
  | { type: 'flooded'; framesSent: number; burstsAnswered: number }
  | { type: 'failed'; error: string };

function report(message: FleetReport): void {
  process.send?.(message);
}

let fleet: Awaited<ReturnType<typeof startCardFleet>> | undefined;

// The bench that forked this process is gone (done, failed or interrupted): its cards go with it.
process.on('disconnect', () => process.exit());

process.on('message', (request: FleetRequest) => {
  void (async () => {
    try {
      if (request.type === 'start') {
        const started = Date.now();
        fleet = await startCardFleet(request);
        report({ type: 'connected', cards: fleet.cards.length, connectMs: Date.now() - started });
      } else if (fleet) {
        const result = await floodFleet(fleet, request.durationMs, request.burstSize);
        report({ type: 'flooded', ...result });
        await fleet.close();
        process.disconnect();
      }
    } catch (error) {
      report({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
      process.disconnect();
    }
  })();
});
