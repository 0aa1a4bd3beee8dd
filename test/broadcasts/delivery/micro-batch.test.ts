import { MicroBatch } from '../../../src/broadcasts/delivery/micro-batch';

describe('MicroBatch', () => {
  it('writes items that arrive together in one go', async () => {
    const written: number[][] = [];
    const batch = new MicroBatch<number>(async (items) => void written.push(items), 5);
    await Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    expect(written).toEqual([[1, 2, 3]]);
  });

  it('writes one batch at a time, in order, even when the first is slower', async () => {
    const events: string[] = [];
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const batch = new MicroBatch<string>(
      async (items) => {
        events.push(`start ${items.join(',')}`);
        if (items.includes('online')) await firstHeld;
        events.push(`end ${items.join(',')}`);
      },
      5,
      1,
    );
    const first = batch.add('online');
    const second = batch.add('offline');
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['start online', 'end online', 'start offline', 'end offline']);
  });

  it('a failed write fails its own items only', async () => {
    const batch = new MicroBatch<string>(
      async (items) => {
        if (items.includes('bad')) throw new Error('refused');
      },
      5,
      1,
    );
    await expect(batch.add('bad')).rejects.toThrow('refused');
    await expect(batch.add('good')).resolves.toBeUndefined();
  });
});
