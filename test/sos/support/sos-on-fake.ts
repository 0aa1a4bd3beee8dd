import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../../src/app/start-linli';
import type { Db } from '../../../src/db/client';
import { incidentTimelineJson } from '../../../src/sos/incidents/incident-json';
import type { StoredTimelineEntry } from '../../../src/sos/incidents/incident-record';
import { createSosCapability } from '../../../src/sos/sos-capability';
import type { SosOptions } from '../../../src/sos/sos-options';
import type { CallEvent } from '../../../src/telephony/call-events';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { dropRedisKeys } from '../../support/drop-redis-keys';
import { startFakePlatform } from '../../support/fake-platform';
import type { FakeTiming } from '../../support/fake-telephony/fake-call-control';
import { LateReportingFake } from '../../support/fake-telephony/late-reporting-fake';
import { waitFor } from '../../support/stack';

export const SOS_TRUNK = 'sos-trunk';

/**
 * A contact who presses 1 and stays on the line for ten minutes (six seconds of the fake's time): long
 * enough that a busy test machine bridges them before they give up.
 */
export const HOLDS_ON = 'press-and-hold:1:600';

/** Call checks soon after a contact's ring time, so a call nobody saw end is noticed within the test. */
const TEST_SOS_OPTIONS: SosOptions = {
  trunk: SOS_TRUNK,
  gatewayPort: 0,
  inactivityEveryMs: 0,
  callCheckAfterRingMs: 100,
};

/** One linli worker process of the test: the SOS capability on its own platform. */
export interface SosWorkerOnFake {
  name: string;
  platform: Platform;
  /** Stops the worker as a process stops: its queue workers, event routing and gateway end. */
  stop(): Promise<void>;
}

/**
 * The SOS capability as `linli serve --role worker` runs it (incidents, escalation, BullMQ wake-ups and
 * call checks, the real PostgreSQL and Redis), on one fake engine that every worker of the test shares,
 * as the workers of one installation share Asterisk.
 */
export class SosOnFake {
  /** Every event the engine reported, in order. */
  readonly events: CallEvent[] = [];
  private readonly workers: SosWorkerOnFake[] = [];
  private readonly queuePrefix = `linli-sos-${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly fake: LateReportingFake,
    readonly database: TestDatabase,
  ) {
    fake.onCallEvent((event) => this.events.push(event));
  }

  static async start(timing: Partial<FakeTiming> = {}): Promise<SosOnFake> {
    const fake = new LateReportingFake([SOS_TRUNK], timing);
    return new SosOnFake(fake, await createTestDatabase('sos'));
  }

  get db(): Db {
    return this.database.db;
  }

  /** Starts another worker process on the same engine, database and Redis. */
  async startWorker(name: string): Promise<SosWorkerOnFake> {
    const platform = await startFakePlatform({
      calls: this.fake,
      databaseUrl: this.database.url,
      queuePrefix: this.queuePrefix,
      trunks: `${SOS_TRUNK}@fake:30:10`,
      name,
    });
    const linli: RunningLinli = await startLinli(platform, [createSosCapability(TEST_SOS_OPTIONS)], {
      api: false,
      workers: true,
    });
    const worker: SosWorkerOnFake = {
      name,
      platform,
      stop: async () => {
        const at = this.workers.indexOf(worker);
        if (at < 0) return;
        this.workers.splice(at, 1);
        await linli.stop();
        await platform.close();
      },
    };
    this.workers.push(worker);
    return worker;
  }

  /** The elder's incident, once one is open. */
  incident(elderId: string) {
    return waitFor(
      () => this.db.sosIncident.findFirst({ where: { elderId } }).then((found) => found ?? undefined),
      5_000,
      'an SOS incident',
    );
  }

  async timeline(incidentId: string): Promise<StoredTimelineEntry[]> {
    const row = await this.db.sosIncident.findUniqueOrThrow({ where: { id: incidentId } });
    return incidentTimelineJson.read(incidentId, row.timeline);
  }

  /** Waits until the incident's timeline shows what `seen` looks for, and returns the timeline. */
  untilTimeline(
    incidentId: string,
    seen: (timeline: StoredTimelineEntry[]) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<StoredTimelineEntry[]> {
    return waitFor(
      async () => {
        const timeline = await this.timeline(incidentId);
        return seen(timeline) ? timeline : undefined;
      },
      timeoutMs,
      what,
    );
  }

  /** The notify requests placed to this number, in order. */
  callsTo(number: string) {
    return this.fake.placed.filter((request) => request.destination === number);
  }

  async stop(): Promise<void> {
    for (const worker of [...this.workers]) await worker.stop();
    await this.fake.close();
    await dropRedisKeys(this.queuePrefix);
    await this.database.drop();
  }
}

/** The timeline as [kind, contact] pairs, in order. */
export function steps(timeline: readonly StoredTimelineEntry[]): [string, string | null][] {
  return timeline.map((entry) => [entry.kind, entry.contactId]);
}

/** A timeline check: an entry of this kind (about this contact, when given) is there. */
export function has(kind: StoredTimelineEntry['kind'], contactId?: string) {
  return (timeline: readonly StoredTimelineEntry[]): boolean =>
    timeline.some((e) => e.kind === kind && (contactId === undefined || e.contactId === contactId));
}
