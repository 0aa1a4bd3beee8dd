import {
  type CampaignPacingState,
  createCpsBucket,
  type CpsBucket,
  paceTrunk,
  type TrunkPacingState,
} from '../../../src/campaigns/domain';

const t0 = Date.UTC(2024, 4, 1, 2, 0, 0);
const at = (ms: number): Date => new Date(t0 + ms);

const campaign = (over: Partial<CampaignPacingState> & { campaignId: string }): CampaignPacingState => ({
  priority: 'normal',
  readyCalls: 100,
  channelsInUse: 0,
  maxChannels: null,
  bucket: null,
  lastStartedAt: null,
  ...over,
});

describe('paceTrunk', () => {
  it('serves the emergency campaign first within the trunk limits', () => {
    const trunk: TrunkPacingState = { channels: 30, channelsInUse: 25, bucket: createCpsBucket(10, 10) };
    const decision = paceTrunk(
      trunk,
      [
        campaign({ campaignId: 'notice' }),
        campaign({ campaignId: 'flood', priority: 'emergency', readyCalls: 3 }),
      ],
      at(0),
    );
    expect(Object.fromEntries(decision.starts)).toEqual({ flood: 3, notice: 2 });
  });

  it("respects a campaign's own channel cap and calls-per-second cap", () => {
    const trunk: TrunkPacingState = { channels: 30, channelsInUse: 4, bucket: createCpsBucket(10, 10) };
    const decision = paceTrunk(
      trunk,
      [
        campaign({ campaignId: 'capped', maxChannels: 5, channelsInUse: 4 }),
        campaign({ campaignId: 'slow', bucket: createCpsBucket(2, 2) }),
      ],
      at(0),
    );
    expect(Object.fromEntries(decision.starts)).toEqual({ capped: 1, slow: 2 });
    expect(decision.checkAgainAt).toEqual(at(500));
  });

  it('never exceeds the trunk or any campaign cap over a simulated busy hour', () => {
    const trunkChannels = 30;
    const trunkCps = 10;
    let trunkBucket: CpsBucket = createCpsBucket(trunkCps);
    const caps: Record<
      string,
      { maxChannels: number | null; cps: number | null; priority: CampaignPacingState['priority'] }
    > = {
      notice: { maxChannels: 20, cps: null, priority: 'normal' },
      survey: { maxChannels: null, cps: 3, priority: 'normal' },
      flood: { maxChannels: null, cps: null, priority: 'emergency' },
    };
    const buckets = new Map<string, CpsBucket | null>(
      Object.entries(caps).map(([id, c]) => [id, c.cps === null ? null : createCpsBucket(c.cps)]),
    );
    const lastStarted = new Map<string, Date | null>();
    let calls: { campaignId: string; endsAt: number }[] = [];
    const startTimes: number[] = [];
    const startsByCampaign = new Map<string, number[]>();
    let peakTrunk = 0;
    let peakNotice = 0;

    // Calls last 20–60 s; the flood campaign only has work in the second half of the hour.
    for (let t = 0; t < 3_600_000; t += 50) {
      calls = calls.filter((call) => call.endsAt > t);
      const inUse = (id: string) => calls.filter((call) => call.campaignId === id).length;
      const states = Object.entries(caps).map(([id, c]) =>
        campaign({
          campaignId: id,
          priority: c.priority,
          readyCalls: id === 'flood' && t < 1_800_000 ? 0 : 50,
          channelsInUse: inUse(id),
          maxChannels: c.maxChannels,
          bucket: buckets.get(id) ?? null,
          lastStartedAt: lastStarted.get(id) ?? null,
        }),
      );
      const decision = paceTrunk(
        { channels: trunkChannels, channelsInUse: calls.length, bucket: trunkBucket },
        states,
        at(t),
      );
      trunkBucket = decision.trunkBucket;
      for (const [id, n] of decision.starts) {
        buckets.set(id, decision.campaignBuckets.get(id) ?? null);
        for (let i = 0; i < n; i += 1) {
          calls.push({ campaignId: id, endsAt: t + 20_000 + ((startTimes.length * 7919) % 40_000) });
          startTimes.push(t);
          startsByCampaign.set(id, [...(startsByCampaign.get(id) ?? []), t]);
        }
        if (n > 0) lastStarted.set(id, at(t));
      }
      peakTrunk = Math.max(peakTrunk, calls.length);
      peakNotice = Math.max(peakNotice, inUse('notice'));
    }

    expect(peakTrunk).toBe(trunkChannels);
    expect(peakNotice).toBe(20);

    const maxInOneSecond = (starts: number[]): number => {
      let most = 0;
      let first = 0;
      for (let last = 0; last < starts.length; last += 1) {
        while ((starts[first] ?? 0) <= (starts[last] ?? 0) - 1000) first += 1;
        most = Math.max(most, last - first + 1);
      }
      return most;
    };
    expect(maxInOneSecond(startTimes)).toBeLessThanOrEqual(trunkCps);
    expect(maxInOneSecond(startsByCampaign.get('survey') ?? [])).toBeLessThanOrEqual(3);
    // Once the flood warning starts it gets channels ahead of the others.
    const floodStarts = startsByCampaign.get('flood') ?? [];
    expect(floodStarts.length).toBeGreaterThan(0);
    expect(Math.min(...floodStarts)).toBeLessThan(1_800_000 + 60_000);
  });
});
