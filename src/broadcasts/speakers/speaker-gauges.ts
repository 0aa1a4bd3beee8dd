import { Gauge } from 'prom-client';
import { metricsRegistry } from '../../api/metrics';
import type { Db } from '../../db/client';
import { isOnline } from './speaker-health';

const SPEAKERS = 'linli_speakers';
const LAST_SEEN = 'linli_speaker_last_seen_age_seconds';

/**
 * Speaker health as Prometheus gauges, read from the registry when scraped: speakers by kind and
 * online/offline, and the oldest last-seen age per kind (a fleet going quiet shows before anyone calls).
 * Registered once per process; the latest database wins.
 */
export function registerSpeakerGauges(db: Db, heartbeatTimeoutMs: number): void {
  metricsRegistry.removeSingleMetric(SPEAKERS);
  metricsRegistry.removeSingleMetric(LAST_SEEN);
  const speakers = () => db.speaker.findMany({ select: { kind: true, online: true, lastSeenAt: true } });
  new Gauge({
    name: SPEAKERS,
    help: 'Registered loudspeakers by kind (sip, mqtt) and state (online, offline)',
    labelNames: ['kind', 'state'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const s of await speakers()) {
        const state = isOnline(s, now, heartbeatTimeoutMs) ? 'online' : 'offline';
        this.inc({ kind: s.kind.toLowerCase(), state });
      }
    },
  });
  new Gauge({
    name: LAST_SEEN,
    help: 'Seconds since the least recently seen MQTT speaker reported (presence or heartbeat)',
    registers: [metricsRegistry],
    async collect() {
      const now = Date.now();
      const seen = (await speakers()).filter((s) => s.kind === 'MQTT' && s.lastSeenAt !== null);
      const oldest = Math.min(...seen.map((s) => s.lastSeenAt?.getTime() ?? now), now);
      this.set((now - oldest) / 1000);
    },
  });
}
