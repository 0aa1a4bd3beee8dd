import { availableCalls, createCpsBucket, nextCallAllowedAt, takeCalls } from '../../../src/campaigns/domain';

const at = (ms: number): Date => new Date(Date.UTC(2024, 4, 1, 4, 0, 0) + ms);

describe('CPS bucket', () => {
  it('lets one call start at once, then one per 1/cps seconds', () => {
    let bucket = createCpsBucket(10);
    expect(availableCalls(bucket, at(0))).toBe(1);
    bucket = takeCalls(bucket, at(0), 1);
    expect(availableCalls(bucket, at(99))).toBe(0);
    expect(nextCallAllowedAt(bucket, at(0))).toEqual(at(100));
    expect(availableCalls(bucket, at(100))).toBe(1);
  });

  it('allows a burst after a quiet spell, never more than the burst', () => {
    const bucket = createCpsBucket(5, 3);
    expect(availableCalls(bucket, at(0))).toBe(3);
    const drained = takeCalls(bucket, at(0), 3);
    expect(availableCalls(drained, at(0))).toBe(0);
    expect(availableCalls(drained, at(200))).toBe(1);
    expect(availableCalls(drained, at(60_000))).toBe(3);
  });

  it('handles less than one call per second', () => {
    const bucket = takeCalls(createCpsBucket(0.5), at(0), 1);
    expect(nextCallAllowedAt(bucket, at(0))).toEqual(at(2000));
    expect(availableCalls(bucket, at(1999))).toBe(0);
  });

  it('refuses to take more calls than it holds', () => {
    expect(() => takeCalls(createCpsBucket(1), at(0), 2)).toThrow(RangeError);
  });

  it('refuses a rate of zero', () => {
    expect(() => createCpsBucket(0)).toThrow(RangeError);
  });

  it.each([
    [10, 1],
    [3, 1],
    [7, 1],
    [2.5, 1],
    [10, 4],
  ])(
    'at %s cps with burst %s, no one-second span ever holds more than ⌈cps⌉ + burst - 1 starts',
    (cps, burst) => {
      let bucket = createCpsBucket(cps, burst);
      const starts: number[] = [];
      // Greedy dialer polling at irregular intervals for a minute.
      for (let t = 0; t < 60_000; t += 7 + (t % 13)) {
        const n = availableCalls(bucket, at(t));
        bucket = takeCalls(bucket, at(t), n);
        for (let i = 0; i < n; i += 1) starts.push(t);
      }
      const limit = Math.ceil(cps) + burst - 1;
      for (const from of starts) {
        expect(starts.filter((s) => s >= from && s < from + 1000).length).toBeLessThanOrEqual(limit);
      }
    },
  );

  it.each([10, 3, 2.5, 0.5])('reaches %s cps when the dialer wakes when told to', (cps) => {
    let bucket = createCpsBucket(cps);
    let starts = 0;
    let t = at(0);
    while (t < at(60_000)) {
      bucket = takeCalls(bucket, t, 1);
      starts += 1;
      t = nextCallAllowedAt(bucket, t);
    }
    expect(starts).toBeGreaterThanOrEqual(Math.floor(cps * 60));
    expect(starts).toBeLessThanOrEqual(Math.ceil(cps * 60));
  });
});
