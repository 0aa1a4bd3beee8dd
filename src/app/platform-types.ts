import type { Queue, Worker } from 'bullmq';
import type { RouteRegistrar } from '../api/server';
import type { PlaceCallData } from '../calls/place-call';
import type { Env } from '../config/env';
import type { DbHandle } from '../db/client';
import type { Logger } from '../logging';
import type { Redis } from '../queue/redis';
import type { PromptFiles } from '../speech/prompt-files';
import type { TtsProvider } from '../speech/types';
import type { UploadedAudio } from '../speech/uploaded-audio';
import type { CallControl } from '../telephony/call-control';
import type { TrunkBudget } from '../telephony/trunk-budget';

/*
 * Types only, and nothing from the rest of src/app: capabilities import these, while src/app's other
 * modules import the capabilities, so keeping them apart keeps the import graph free of cycles.
 */

/** The shared parts every linli process runs on; capabilities are built on top of it. */
export interface Platform {
  env: Env;
  logger: Logger;
  database: DbHandle;
  /** Commands (locks, counters); BullMQ gets its own blocking connections. */
  redis: Redis;
  queueRedis: Redis;
  calls: CallControl;
  /** Every call takes its channel from its trunk's budget: SOS first, campaigns last. */
  trunkBudget: TrunkBudget;
  tts: TtsProvider;
  /** Recordings uploaded to linli, played by id. */
  uploads: UploadedAudio;
  /** Renders prompts ahead of a call (durations, warming the cache); the driver plays them. */
  prompts: PromptFiles;
  queues: { calls: Queue<PlaceCallData> };
  close(): Promise<void>;
}

/** One thing linli does (calls, campaigns, SOS...): its HTTP routes and its queue workers. */
export interface Capability {
  name: string;
  routes?(platform: Platform): RouteRegistrar;
  /** Routes that check their own credentials (an engine's signed webhooks), outside the token check. */
  webhooks?(platform: Platform): RouteRegistrar;
  /** Workers and background loops; each returns something to stop on shutdown. */
  start?(platform: Platform): Promise<{ workers: Worker[]; stop(): Promise<void> }>;
}
