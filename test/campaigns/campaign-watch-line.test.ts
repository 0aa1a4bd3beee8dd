import {
  outcomeSummary,
  progressLine,
  type WatchedProgress,
} from '../../src/cli/commands/campaign-progress-line';
import { takeServerEvents } from '../../src/cli/commands/campaign-watch';

const progress = (overrides: Partial<WatchedProgress> = {}): WatchedProgress => ({
  status: 'RUNNING',
  households: 200,
  byState: { pending: 60, dialing: 20, final: 100, exhausted: 20, cancelled: 0 },
  byOutcome: { confirmed: 90, declined: 10, busy: 25 },
  reached: 100,
  callsInFlight: 20,
  channelCap: 30,
  withinWindow: true,
  nextWindowOpening: null,
  eta: '2026-03-01T06:35:00Z',
  ...overrides,
});

describe('`linli campaign watch`', () => {
  const now = new Date('2026-03-01T06:00:00Z');

  it('draws settled households as a bar, with reached, calls up and the ETA in Beijing time', () => {
    expect(progressLine(progress(), now, 10)).toBe(
      '[██████░░░░]  60%  120/200 settled · reached 100 · calls 20/30 · ETA 14:35 · running',
    );
  });

  it('says when quiet hours hold the campaign and when it resumes', () => {
    const line = progressLine(
      progress({ withinWindow: false, nextWindowOpening: '2026-03-02T00:00:00Z' }),
      now,
      10,
    );
    expect(line).toContain('quiet hours, resumes 3-02 08:00');
  });

  it('sums up the outcomes, most frequent first', () => {
    expect(outcomeSummary(progress())).toBe('confirmed 90, busy 25, declined 10');
  });

  it('reads server-sent events split anywhere across chunks', () => {
    const first = takeServerEvents('event: progress\ndata: {"a":1}\n\nevent: pro');
    expect(first.events).toEqual([{ event: 'progress', data: '{"a":1}' }]);
    const second = takeServerEvents(
      `${first.rest}gress\ndata: {"a":2}\n\n: keep-alive\n\nevent: end\ndata: {}\n\n`,
    );
    expect(second.events.map((e) => e.event)).toEqual(['progress', 'end']);
    expect(second.rest).toBe('');
  });
});
