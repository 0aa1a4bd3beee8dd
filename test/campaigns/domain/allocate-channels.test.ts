import { allocateChannels, type CampaignPriority, type WaitingCampaign } from '../../../src/campaigns/domain';

const campaign = (
  campaignId: string,
  priority: CampaignPriority,
  wanted: number,
  channelsInUse = 0,
  lastStartedAt: Date | null = null,
): WaitingCampaign => ({ campaignId, priority, wanted, channelsInUse, lastStartedAt });

const asObject = (allocation: Map<string, number>): Record<string, number> => Object.fromEntries(allocation);

describe('allocateChannels', () => {
  it.each<[string, number, WaitingCampaign[], Record<string, number>]>([
    [
      'emergency takes what it needs first',
      10,
      [campaign('notice', 'normal', 10), campaign('flood', 'emergency', 8)],
      { notice: 2, flood: 8 },
    ],
    [
      'strict priority order emergency > high > normal > low',
      6,
      [
        campaign('l', 'low', 5),
        campaign('n', 'normal', 2),
        campaign('h', 'high', 2),
        campaign('e', 'emergency', 1),
      ],
      { l: 1, n: 2, h: 2, e: 1 },
    ],
    [
      'equal priorities share evenly',
      9,
      [campaign('a', 'normal', 10), campaign('b', 'normal', 10), campaign('c', 'normal', 10)],
      { a: 3, b: 3, c: 3 },
    ],
    [
      'a campaign never gets more than it wants; the rest goes to its peers',
      10,
      [campaign('a', 'normal', 2), campaign('b', 'normal', 20)],
      { a: 2, b: 8 },
    ],
    [
      'equal priorities are levelled by calls already up',
      4,
      [campaign('busy', 'normal', 10, 6), campaign('idle', 'normal', 10, 0)],
      { busy: 0, idle: 4 },
    ],
    ['nothing free: nobody starts', 0, [campaign('a', 'emergency', 3)], { a: 0 }],
    ['more free than wanted: the rest stays free', 50, [campaign('a', 'high', 3)], { a: 3 }],
    ['nobody waiting', 5, [], {}],
  ])('%s', (_case, free, waiting, expected) => {
    expect(asObject(allocateChannels(free, waiting))).toEqual(expected);
  });

  it('gives a single free channel to the equal campaign that waited longest', () => {
    const waiting = [
      campaign('recent', 'normal', 5, 2, new Date('2024-05-01T02:00:05Z')),
      campaign('waiting', 'normal', 5, 2, new Date('2024-05-01T02:00:01Z')),
    ];
    expect(asObject(allocateChannels(1, waiting))).toEqual({ recent: 0, waiting: 1 });
  });

  it('takes turns between equal campaigns when one channel frees at a time', () => {
    const served: string[] = [];
    const lastStart = new Map<string, Date | null>([
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
    for (let tick = 0; tick < 9; tick += 1) {
      const waiting = [...lastStart].map(([id, last]) => campaign(id, 'normal', 5, 1, last));
      const allocation = allocateChannels(1, waiting);
      const winner = [...allocation].find(([, n]) => n === 1)![0];
      served.push(winner);
      lastStart.set(winner, new Date(Date.UTC(2024, 4, 1, 2, 0, tick)));
    }
    expect(served.filter((id) => id === 'a')).toHaveLength(3);
    expect(served.filter((id) => id === 'b')).toHaveLength(3);
    expect(served.filter((id) => id === 'c')).toHaveLength(3);
  });

  it('never hands out more channels than are free', () => {
    for (let free = 0; free <= 40; free += 1) {
      const allocation = allocateChannels(free, [
        campaign('e', 'emergency', 7),
        campaign('h', 'high', 9),
        campaign('n1', 'normal', 11),
        campaign('n2', 'normal', 4),
      ]);
      const total = [...allocation.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(Math.min(free, 31));
    }
  });
});
