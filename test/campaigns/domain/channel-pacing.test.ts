import { createCpsBucket, decideCallStarts, takeCalls } from '../../../src/campaigns/domain';

const now = new Date('2024-05-01T02:00:00Z');

describe('decideCallStarts', () => {
  it.each([
    ['everything wanted fits', 10, 4, 5, 3, 3, null],
    ['channels full', 10, 10, 5, 3, 0, 'channels'],
    ['channels nearly full', 10, 8, 5, 5, 2, 'channels'],
    ['more channels in use than the trunk has (after a reconfiguration)', 10, 12, 5, 1, 0, 'channels'],
    ['held by calls per second', 30, 0, 3, 10, 3, 'calls_per_second'],
    ['nothing wanted', 30, 0, 3, 0, 0, null],
  ] as const)('%s', (_case, channels, channelsInUse, burst, wanted, mayStart, limitedBy) => {
    const decision = decideCallStarts({
      now,
      channels,
      channelsInUse,
      bucket: createCpsBucket(10, burst),
      wanted,
    });
    expect(decision.mayStart).toBe(mayStart);
    expect(decision.limitedBy).toBe(limitedBy);
  });

  it('says when to check again only when calls per second held calls back', () => {
    const spent = takeCalls(createCpsBucket(4), now, 1);
    const held = decideCallStarts({ now, channels: 30, channelsInUse: 0, bucket: spent, wanted: 5 });
    expect(held.mayStart).toBe(0);
    expect(held.checkAgainAt).toEqual(new Date(now.getTime() + 250));
    const full = decideCallStarts({ now, channels: 30, channelsInUse: 30, bucket: spent, wanted: 5 });
    expect(full.checkAgainAt).toBeNull();
  });

  it('takes the started calls from the bucket', () => {
    const decision = decideCallStarts({
      now,
      channels: 30,
      channelsInUse: 0,
      bucket: createCpsBucket(10),
      wanted: 1,
    });
    expect(
      decideCallStarts({ now, channels: 30, channelsInUse: 1, bucket: decision.bucket, wanted: 1 }).mayStart,
    ).toBe(0);
  });
});
