import { CallRecorder } from '../calls/call-recorder';
import type { Platform } from '../app/platform-types';
import type { InboundCall } from '../telephony/call-events';
import { createQueue, QueueName } from '../queue/queues';
import { CardDirectory } from './cards/card-directory';
import { cardCommandSender, type CardCommandSender } from './cards/card-command-sender';
import { CardReportWriter } from './cards/card-report-writer';
import type { RadioTables } from './domain';
import { createRedisCommandStore, type CardCommandStore, type CardGateway } from './gateway';
import { raiseCardAlarmAlert, type CardAlarmAlertRequest } from './inactivity/card-alarm-alert';
import { inactivityCalls } from './inactivity/inactivity-calls';
import { sweepInactivity } from './inactivity/inactivity-sweep';
import { CallOwnership } from './incidents/call-ownership';
import { EscalationActions } from './incidents/escalation-actions';
import { EscalationRunner } from './incidents/escalation-runner';
import { queueScheduler, type IncidentScheduler } from './incidents/incident-scheduler';
import { SosTriggers } from './incidents/sos-triggers';
import { ElderLocator } from './location/elder-locator';
import { loadRadioTables } from './location/radio-tables-loader';
import type { SosQueue } from './sos-jobs';
import { resolveSosOptions, type ResolvedSosOptions, type SosOptions } from './sos-options';

/** Everything the SOS capability runs on in one process, built once per platform. */
export interface SosRuntime {
  platform: Platform;
  options: ResolvedSosOptions;
  keyPrefix: string;
  tables: RadioTables;
  cards: CardDirectory;
  writer: CardReportWriter;
  locator: ElderLocator;
  ownership: CallOwnership;
  recorder: CallRecorder;
  queue: SosQueue;
  scheduler: IncidentScheduler;
  runner: EscalationRunner;
  triggers: SosTriggers;
  commandStore: CardCommandStore;
  commands: CardCommandSender;
  inactivity: ReturnType<typeof inactivityCalls>;
  /** The card gateway, when this process runs it (worker role). */
  gateway: CardGateway | null;
  sweepInactivity(now?: number): Promise<number>;
  /** A card taken off or switched off: someone is sent to look in (by the inactivity alert's rules). */
  raiseCardAlarmAlert(request: CardAlarmAlertRequest): Promise<boolean>;
  close(): Promise<void>;
}

export async function createSosRuntime(platform: Platform, sosOptions: SosOptions): Promise<SosRuntime> {
  const { env, database, redis, queueRedis, calls, logger: platformLogger } = platform;
  const { db } = database;
  const logger = platformLogger.child({ capability: 'sos' });
  const options = resolveSosOptions(sosOptions, env);
  const keyPrefix = env.QUEUE_PREFIX;
  const tables = await loadRadioTables(
    { cellTowersCsv: env.CELL_TOWERS_CSV, wifiAccessPointsCsv: env.WIFI_ACCESS_POINTS_CSV },
    logger,
  );
  const queue: SosQueue = createQueue(QueueName.sos, queueRedis, env.QUEUE_PREFIX);
  const scheduler = queueScheduler(queue);
  const ownership = new CallOwnership();
  const recorder = new CallRecorder(db, calls, logger);
  const locator = new ElderLocator(db, tables, logger);
  const cards = new CardDirectory(db);
  const actions = new EscalationActions({
    db,
    calls,
    ownership,
    recorder,
    prompts: platform.prompts,
    budget: platform.trunkBudget,
    scheduler,
    trunk: options.trunkConfig,
    trunks: env.TRUNKS,
    callerId: options.callerId,
    callCheckAfterRingMs: options.callCheckAfterRingMs,
    logger,
  });
  const runner = new EscalationRunner({ db, redis, keyPrefix, actions, now: options.now, logger });
  const { onUnknownCaller } = options;
  const triggers = new SosTriggers({
    db,
    redis,
    keyPrefix,
    calls,
    cards,
    locator,
    ownership,
    runner,
    now: options.now,
    samePressWindowMs: options.samePressWindowMs,
    logger,
    ...(onUnknownCaller ? { onUnknownCaller: (call: InboundCall) => onUnknownCaller(platform, call) } : {}),
  });
  const commandStore = createRedisCommandStore({ redis, keyPrefix });
  const inactivity = inactivityCalls({
    db,
    callsQueue: platform.queues.calls,
    trunks: env.TRUNKS,
    trunk: options.trunk,
    callerId: options.callerId,
    sosQueue: queue,
    ringTimeoutMs: 30_000,
    firstCheckMs: options.inactivityFirstCheckMs,
    recheckMs: options.inactivityRecheckMs,
    logger,
  });
  const runtime: SosRuntime = {
    platform,
    options,
    keyPrefix,
    tables,
    cards,
    writer: new CardReportWriter(db, logger),
    locator,
    ownership,
    recorder,
    queue,
    scheduler,
    runner,
    triggers,
    commandStore,
    commands: cardCommandSender(commandStore, () => runtime.gateway),
    inactivity,
    gateway: null,
    sweepInactivity: (now = options.now()) =>
      sweepInactivity(
        { db, redis, keyPrefix, tables, locator, startAlertCalls: inactivity.start, logger },
        now,
      ),
    raiseCardAlarmAlert: (request) =>
      raiseCardAlarmAlert(
        { db, redis, keyPrefix, locator, startAlertCalls: inactivity.start, logger },
        request,
        options.now(),
      ),
    close: async () => {
      await runner.settle();
      await runtime.writer.close();
      recorder.close();
      await queue.close();
    },
  };
  return runtime;
}
