import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../src/app/platform-types';
import type { Population } from '../population/population-types';
import type { PstnSimulator } from '../pstn/pstn-simulator';

/** What every scene of the demo works with. */
export interface DemoContext {
  platform: Platform;
  api: FastifyInstance;
  baseUrl: string;
  /** The bootstrap admin token: sees everything, but what it creates belongs to no area. */
  token: string;
  /**
   * The village cadre's token that the dashboard link carries: broadcasts (and alerts) made with it are
   * scoped to the village, so the cadre watching the dashboard sees them.
   */
  dashboardToken: string;
  population: Population;
  pstn: PstnSimulator;
  outDir: string;
  /** The village's grid workers and cadres, registered as people linli can call. */
  staff: StaffIds;
  say(line: string): void;
  /** Hands over simulators a scene leaves running for the dashboard (kept with --keep), closed when the demo ends. */
  closeAtExit(close: () => Promise<void>): void;
}

export interface StaffIds {
  /** Person ids of grid workers by grid code, and of cadres by village code. */
  gridWorkers: Map<string, string>;
  cadres: Map<string, string>;
}

/** A request to linli's API as a cadre's browser or script would send it. */
export async function apiCall<T>(
  ctx: Pick<DemoContext, 'baseUrl' | 'token'>,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${ctx.baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${ctx.token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
