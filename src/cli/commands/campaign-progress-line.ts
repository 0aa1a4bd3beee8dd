import { SHANGHAI_OFFSET_MS } from '../../time/shanghai-clock';

/** The part of GET /api/v1/campaigns/:id/progress that `linli campaign watch` shows. */
export interface WatchedProgress {
  status: string;
  households: number;
  byState: Record<string, number>;
  byOutcome: Record<string, number>;
  reached: number;
  callsInFlight: number;
  channelCap: number;
  withinWindow: boolean;
  nextWindowOpening: string | null;
  eta: string | null;
  trunkBackoff?: { reason: string; retryAt: string } | null;
  pausedReason?: string | null;
}

const BACKOFF_WORDS: Record<string, string> = {
  congestion: 'trunk congested',
  'engine-unavailable': 'telephony engine unreachable',
  'not-dialled': 'calls refused',
};

/** "14:35" in Shanghai time, or "3-02 08:00" when not today. */
function shanghaiClock(iso: string, now: Date): string {
  const at = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
  const today = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  const time = at.slice(11, 16);
  return at.slice(0, 10) === today ? time : `${Number(at.slice(5, 7))}-${at.slice(8, 10)} ${time}`;
}

/** Households done (final, exhausted or cancelled) out of all. */
export function settledCount(p: WatchedProgress): number {
  return (p.byState.final ?? 0) + (p.byState.exhausted ?? 0) + (p.byState.cancelled ?? 0);
}

/**
 * One line: a bar of settled households, then reached, calls up, and when it will be done, e.g.
 * `[██████░░░░] 60%  120/200 settled · reached 98 · calls 28/30 · ETA 14:35 · running`.
 */
export function progressLine(p: WatchedProgress, now = new Date(), barWidth = 24): string {
  const settled = settledCount(p);
  const share = p.households === 0 ? 1 : settled / p.households;
  const filled = Math.round(share * barWidth);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}]`;
  const parts = [
    `${bar} ${String(Math.floor(share * 100)).padStart(3)}%  ${settled}/${p.households} settled`,
    `reached ${p.reached}`,
    `calls ${p.callsInFlight}/${p.channelCap}`,
  ];
  if (p.trunkBackoff) {
    const seconds = Math.max(0, Math.ceil((Date.parse(p.trunkBackoff.retryAt) - now.getTime()) / 1000));
    parts.push(`${BACKOFF_WORDS[p.trunkBackoff.reason] ?? p.trunkBackoff.reason}, retrying in ${seconds} s`);
  }
  if (!p.withinWindow && p.nextWindowOpening)
    parts.push(`quiet hours, resumes ${shanghaiClock(p.nextWindowOpening, now)}`);
  else if (p.eta) parts.push(`ETA ${shanghaiClock(p.eta, now)}`);
  parts.push(p.pausedReason ? `paused: ${p.pausedReason}` : p.status.toLowerCase());
  return parts.join(' · ');
}

/** The outcomes at the end, most frequent first: `confirmed 150, busy 20, no_answer 12`. */
export function outcomeSummary(p: WatchedProgress): string {
  return Object.entries(p.byOutcome)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
}
