import type { Worker } from 'bullmq';
import type { RouteRegistrar } from '../api/server';
import type { Platform } from './platform';

/** One thing linli does (calls, campaigns, SOS...): its HTTP routes and its queue workers. */
export interface Capability {
  name: string;
  routes?(platform: Platform): RouteRegistrar;
  /** Workers and background loops; each returns something to stop on shutdown. */
  start?(platform: Platform): Promise<{ workers: Worker[]; stop(): Promise<void> }>;
}
