import { activeChannels, describeCleanup, errorReason, failureLine } from '../../bench/support/bench-hygiene';
import { callsUpAt, carrierLoad } from '../../bench/support/carrier-over-limit';

describe('a failed benchmark’s last line', () => {
  it('names the reason on one line, in double quotes', () => {
    expect(failureLine('campaign not created (400)')).toBe(
      'bench_failed reason="campaign not created (400)"',
    );
  });

  it('keeps the line one line and its quotes balanced', () => {
    expect(failureLine('bad "trunk"\n  at C:\\x')).toBe('bench_failed reason="bad \\"trunk\\" at C:\\\\x"');
  });

  it('says unknown rather than nothing', () => {
    expect(failureLine('  ')).toBe('bench_failed reason="unknown"');
  });

  it('reads an Error’s message, or whatever else was thrown', () => {
    expect(errorReason(new Error('AMI login refused'))).toBe('AMI login refused');
    expect(errorReason('interrupted')).toBe('interrupted');
  });
});

describe('Asterisk’s channel count', () => {
  it('is read from core show channels count', () => {
    expect(activeChannels('14 active channels\n13 active calls\n722 calls processed\n')).toBe(14);
    expect(activeChannels('1 active channel\n1 active call\n3 calls processed\n')).toBe(1);
    expect(activeChannels('0 active channels\n0 active calls\n0 calls processed\n')).toBe(0);
  });

  it('is not guessed from an answer of another shape', () => {
    expect(() => activeChannels('Unable to connect to remote asterisk')).toThrow(/unexpected answer/);
  });
});

describe('a clean-up’s report', () => {
  it('says when there was nothing to clean', () => {
    expect(describeCleanup('at start', { callFiles: 0, channels: 0 })).toBe(
      'asterisk at start: outgoing spool empty, no channel up',
    );
  });

  it('counts what an earlier run left behind', () => {
    expect(describeCleanup('at start', { callFiles: 3, channels: 2 })).toBe(
      'asterisk at start: removed 3 call file(s) from the outgoing spool, hung up 2 channel(s)',
    );
  });
});

describe('calls over the trunk’s channels as the carrier saw them', () => {
  const call = (from: number, to: number | null) => ({
    receivedAt: new Date(from),
    endedAt: to === null ? null : new Date(to),
  });

  it('is the most calls up at once minus the channels', () => {
    const calls = [call(0, 100), call(10, 100), call(20, 100), call(30, 40)];
    expect(carrierLoad(calls, 2, 1000)).toEqual({ peak: 4, overLimit: 2 });
  });

  it('is never below zero', () => {
    expect(carrierLoad([call(0, 10)], 10, 1000)).toEqual({ peak: 1, overLimit: 0 });
    expect(carrierLoad([], 10, 1000)).toEqual({ peak: 0, overLimit: 0 });
  });

  it('does not count a channel freed and taken again at the same moment twice', () => {
    expect(carrierLoad([call(0, 50), call(50, 100)], 1, 1000)).toEqual({ peak: 1, overLimit: 0 });
  });

  it('counts a call not ended yet as up', () => {
    expect(carrierLoad([call(0, null), call(500, 600)], 1, 1000)).toEqual({ peak: 2, overLimit: 1 });
  });

  it('knows which calls were up at a moment', () => {
    const calls = [call(0, 100), call(50, null), call(100, 200)];
    expect(callsUpAt(calls, 75)).toBe(2);
    expect(callsUpAt(calls, 100)).toBe(2);
    expect(callsUpAt(calls, 300)).toBe(1);
  });
});
