import path from 'node:path';
import { Worker } from 'bullmq';
import type { Capability, Platform } from '../app/platform-types';
import { createQueue, QueueName } from '../queue/queues';
import { asrConfigured, createAsrProvider } from '../speech/asr/create-asr-provider';
import type { InboundCall } from '../telephony/call-events';
import { callerE164 } from './caller-match';
import type { HotlineJob, HotlineQueue } from './hotline-jobs';
import { HotlineRunner } from './hotline-runner';
import {
  openHotlineCase,
  plainCaseOpener,
  type CaseOpener,
  type OpenHotlineCaseDeps,
} from './open-hotline-case';
import { SessionStore } from './session-store';
import { transcribeCase } from './transcription/transcribe-case';

/** How an installation (or a test) runs the hotline; every field has a default. */
export interface HotlineOptions {
  /** Trunk the duty worker of an urgent call is called on; default the first of TRUNKS. */
  trunk?: string;
  /** Caller id the duty worker sees: the hotline number. */
  callerId?: string;
  now?: () => number;
  /** How cases are opened: the cases capability's service (src/app/capabilities.ts wires it). */
  cases?: (platform: Platform) => { open: CaseOpener };
  /** When a call's session is first checked for an end nobody saw (every process restarted), then every 5 min. */
  watchAfterMs?: number;
}

const WATCH_AGAIN_MS = 5 * 60_000;

/**
 * The hotline: callers choose a category on the keypad (0: urgent, the duty grid worker is rung and
 * connected), leave a message, and hear the number of the case it became. Unknown SOS callers become
 * urgent cases too (SosOptions.onUnknownCaller, wired in src/app/capabilities.ts).
 */
export function createHotlineCapability(options: HotlineOptions = {}): Capability & {
  /** Opens the urgent case of an SOS call from a number no card has, for the dispatcher. */
  openUnknownSosCase(platform: Platform, call: InboundCall): Promise<void>;
} {
  const now = options.now ?? Date.now;
  const queues = new WeakMap<Platform, HotlineQueue>();
  const queueOf = (platform: Platform): HotlineQueue => {
    let queue = queues.get(platform);
    if (!queue) {
      queue = createQueue<HotlineJob>(QueueName.hotline, platform.queueRedis, platform.env.QUEUE_PREFIX);
      queues.set(platform, queue);
    }
    return queue;
  };
  const caseDeps = (platform: Platform): OpenHotlineCaseDeps => ({
    open: options.cases?.(platform).open ?? plainCaseOpener(platform.database.db, now),
    mediaDir: platform.env.MEDIA_DIR,
    queue: queueOf(platform),
    transcribe: asrConfigured(platform.env),
  });

  return {
    name: 'hotline',
    openUnknownSosCase: async (platform, call) => {
      const opened = await openHotlineCase(
        caseDeps(platform),
        { callId: call.callId, channel: 'sos-unknown' },
        {
          category: 'urgent',
          urgent: true,
          householdId: null,
          areaId: null,
          callerNumber: callerE164(call.caller),
          recording: call.recording ?? null,
        },
      );
      platform.logger.warn(
        { callId: call.callId, case: opened.number },
        'unknown SOS caller: urgent case for the dispatcher',
      );
    },
    start: async (platform) => {
      const { env, calls, logger, database } = platform;
      const trunk = options.trunk ?? env.TRUNKS[0]?.name;
      if (!trunk) throw new Error('hotline: no trunk in TRUNKS to call duty workers on');
      const queue = queueOf(platform);
      const sessions = new SessionStore(platform.redis, env.QUEUE_PREFIX);
      const asr = await createAsrProvider(env);
      const runner = new HotlineRunner({
        db: database.db,
        calls,
        budget: platform.trunkBudget,
        sessions,
        trunk,
        callerId: options.callerId ?? '12345',
        openCase: (callId, request) =>
          openHotlineCase(caseDeps(platform), { callId, channel: 'phone' }, request),
        watch: async (callId) =>
          void (await queue.add(
            'watch',
            { type: 'watch', callId },
            { delay: options.watchAfterMs ?? 15 * 60_000, jobId: `watch-${callId}-0` },
          )),
        now,
        logger: logger.child({ component: 'hotline' }),
      });
      let stopping = false;
      const failed = (what: string, callId: string) => (error: Error) => {
        // Events still arriving while the process shuts down find Redis closed; another process takes them.
        if (!stopping) logger.error({ callId, err: error.message }, `hotline: ${what} failed`);
      };
      const stopInbound = calls.onInboundCall((call) => {
        runner.onInbound(call).catch(failed('inbound call', call.callId));
      });
      const stopEvents = calls.onCallEvent((event) => {
        runner.onCallEvent(event).catch(failed(event.type, event.callId));
      });
      const worker = new Worker<HotlineJob>(
        QueueName.hotline,
        async (job) => {
          const data = job.data;
          if (data.type === 'transcribe') {
            return transcribeCase(
              { db: database.db, asr, logger, now },
              data.caseId,
              path.join(env.MEDIA_DIR, data.recording),
            );
          }
          if ((await runner.checkUnseenEnd(data.callId)) === 'live') {
            await queue.add('watch', data, { delay: WATCH_AGAIN_MS, jobId: `watch-${data.callId}-${now()}` });
          }
        },
        { connection: platform.queueRedis, prefix: env.QUEUE_PREFIX, concurrency: 5 },
      );
      return {
        workers: [worker],
        stop: async () => {
          stopping = true;
          stopInbound();
          stopEvents();
          await queue.close();
        },
      };
    },
  };
}
