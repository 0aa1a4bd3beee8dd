import { finalWrites, firstFinalWrites } from '../../../src/broadcasts/delivery/final-report';

const at = Date.parse('2026-12-04T08:00:13Z');
const startedAt = new Date('2026-12-04T08:00:00Z');
const status = { deliveryId: 'd1', at: new Date(at) };

describe('a speaker’s final report', () => {
  it('finished: the seconds the speaker counted, its start kept', () => {
    expect(finalWrites({ ...status, state: 'finished', secondsPlayed: 12.5 }, startedAt, at)).toEqual([
      {
        whenState: ['sent', 'playing'],
        data: { state: 'finished', startedAt, secondsPlayed: 12.5 },
      },
    ]);
  });

  it('finished without a count: the time since it started; never started: started now, nothing played', () => {
    expect(finalWrites({ ...status, state: 'finished' }, startedAt, at)[0]?.data.secondsPlayed).toBe(13);
    expect(finalWrites({ ...status, state: 'finished' }, null, at)[0]?.data).toEqual({
      state: 'finished',
      startedAt: new Date(at),
      secondsPlayed: 0,
    });
  });

  it('stopped: what a preempted delivery played, or a failure with the speaker’s reason', () => {
    expect(finalWrites({ ...status, state: 'stopped', secondsPlayed: 4 }, startedAt, at)).toEqual([
      { whenState: ['preempted'], data: { secondsPlayed: 4 } },
      { whenState: ['sent', 'playing'], data: { state: 'failed', reason: 'stopped' } },
    ]);
  });

  it('refused and failed: the state and the speaker’s words', () => {
    expect(finalWrites({ ...status, state: 'refused', reason: 'local mode' }, null, at)[0]?.data).toEqual({
      state: 'failed',
      reason: 'refused: local mode',
    });
    expect(finalWrites({ ...status, state: 'failed' }, null, at)[0]?.data).toEqual({
      state: 'failed',
      reason: 'failed',
    });
  });

  it('a delivery reported twice in a batch is written by its first report only', () => {
    const finished = finalWrites({ ...status, state: 'finished', secondsPlayed: 13.3 }, startedAt, at)[0]!;
    const failed = finalWrites({ ...status, state: 'failed' }, startedAt, at)[0]!;
    const preempted = finalWrites({ ...status, state: 'stopped', secondsPlayed: 4 }, startedAt, at);
    const writes = firstFinalWrites([
      { deliveryId: 'a', write: finished },
      { deliveryId: 'b', write: finished },
      { deliveryId: 'a', write: failed },
      ...preempted.map((write) => ({ deliveryId: 'c', write })),
    ]);
    expect(writes).toEqual([
      { deliveryId: 'a', write: finished },
      { deliveryId: 'b', write: finished },
      ...preempted.map((write) => ({ deliveryId: 'c', write })),
    ]);
  });
});
