import type { Capability, Platform } from '../app/platform-types';
import { loadCardAlarmSettings } from './cards/card-alarm-settings';
import { cardMessageHandler } from './cards/card-message-handler';
import { createCardGateway, type CardGateway } from './gateway';
import { incidentRoutes } from './incidents/incident-routes';
import { incidentStreamRoute } from './incidents/incident-stream-route';
import { routeSosCallEvents } from './incidents/sos-call-events';
import { unknownCallerRoutes } from './incidents/unknown-caller-routes';
import { locationRoutes } from './location/location-routes';
import { cardRoutes } from './registry/card-routes';
import { elderRoutes } from './registry/elder-routes';
import type { SosOptions } from './sos-options';
import { createSosRuntime, type SosRuntime } from './sos-runtime';
import { startSosWorker } from './sos-worker';

export interface SosCapability extends Capability {
  /** This platform's SOS runtime (built on first use): for tests, benchmarks and the CLI. */
  runtime(platform: Platform): Promise<SosRuntime>;
}

/**
 * Elder SOS: the elder registry and card commands (API), the love-card gateway, SOS incidents with
 * escalation until a contact accepts and is connected to the elder, and the inactivity alert.
 */
export function createSosCapability(options: SosOptions = {}): SosCapability {
  const runtimes = new WeakMap<Platform, Promise<SosRuntime>>();
  const runtime = (platform: Platform): Promise<SosRuntime> => {
    let built = runtimes.get(platform);
    if (!built) {
      built = createSosRuntime(platform, options);
      runtimes.set(platform, built);
    }
    return built;
  };

  return {
    name: 'sos',
    runtime,
    routes: (platform) => async (app) => {
      const rt = await runtime(platform);
      const db = platform.database.db;
      await elderRoutes({ db })(app);
      await cardRoutes({ db, commands: rt.commands, platformSosNumber: rt.options.platformSosNumber })(app);
      await locationRoutes({ db, locator: rt.locator, now: rt.options.now })(app);
      await incidentStreamRoute({ db })(app);
      await incidentRoutes({ db, runner: rt.runner })(app);
      await unknownCallerRoutes({ db })(app);
    },
    start: async (platform) => {
      const rt = await runtime(platform);
      const { calls, logger } = platform;
      rt.gateway = await startGateway(rt);
      const stopInbound = calls.onInboundCall((call) => {
        rt.triggers
          .onInboundCall(call)
          .catch((error: Error) =>
            logger.error({ callId: call.callId, err: error.message }, 'SOS call could not be taken in hand'),
          );
      });
      const stopEvents = routeSosCallEvents({ calls, ownership: rt.ownership, runner: rt.runner, logger });
      if (rt.options.inactivityEveryMs > 0) {
        await rt.queue.upsertJobScheduler(
          'sos-inactivity-sweep',
          { every: rt.options.inactivityEveryMs },
          { name: 'inactivity-sweep', data: { type: 'inactivity-sweep' } },
        );
      }
      const worker = startSosWorker(rt);
      return {
        workers: [worker],
        stop: async () => {
          stopInbound();
          stopEvents();
          await rt.gateway?.close();
          await rt.close();
        },
      };
    },
  };
}

/**
 * Starts the love-card gateway on CARD_GATEWAY_HOST:PORT. Only one process per host can listen on
 * the port: another worker on the same host runs without a gateway (cards reach the first one) and
 * says so, rather than failing to start.
 */
async function startGateway(rt: SosRuntime): Promise<CardGateway | null> {
  const { env, logger } = rt.platform;
  try {
    return await createCardGateway({
      host: env.CARD_GATEWAY_HOST,
      port: rt.options.gatewayPort,
      isKnownDevice: async (imei) => (await rt.cards.byImeiNumber(imei)) !== null,
      onMessage: cardMessageHandler({
        cards: rt.cards,
        writer: rt.writer,
        onSosAlarm: (alarm) => rt.triggers.onAlarm(alarm),
        onCardAlert: async ({ card, cause, receivedAt }) =>
          void (await rt.raiseCardAlarmAlert({
            elderId: card.elderId,
            villageId: card.villageId,
            kind: cause,
            at: receivedAt.getTime(),
          })),
        alarmSettings: (elderId) => loadCardAlarmSettings(rt.platform.database.db, elderId, logger),
        logger,
      }),
      commandStore: rt.commandStore,
      logger: logger.child({ component: 'card-gateway' }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.error(
      { host: env.CARD_GATEWAY_HOST, port: rt.options.gatewayPort },
      'card gateway port already in use on this host; this worker runs without a gateway',
    );
    return null;
  }
}
