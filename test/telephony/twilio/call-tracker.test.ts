import type { CallEvent } from '../../../src/telephony/call-events';
import { TwilioCallTracker } from '../../../src/telephony/twilio/call-tracker';

const ended = (callId: string): CallEvent => ({
  type: 'ended',
  callId,
  server: 'twilio',
  at: new Date(),
  cause: 'answered',
  q850: 16,
  answered: true,
});

describe("a process's view of the Twilio calls", () => {
  it('counts placed and inbound calls per trunk until they end, and never brings an ended one back', () => {
    const tracker = new TwilioCallTracker();
    tracker.apply({ kind: 'placed', callId: 'a', trunk: 'tw' });
    tracker.apply({ kind: 'placed', callId: 'b', trunk: 'tw2' });
    expect([tracker.channelsInUse('tw'), tracker.channelsInUse('tw2'), tracker.isLive('a')]).toEqual([
      1,
      1,
      true,
    ]);
    tracker.apply({ kind: 'event', event: ended('a') });
    // The echo of a's placement arrives after its end: it stays ended.
    tracker.apply({ kind: 'placed', callId: 'a', trunk: 'tw' });
    tracker.apply({ kind: 'unplaced', callId: 'b' });
    expect([tracker.isLive('a'), tracker.isLive('b'), tracker.channelsInUse('tw')]).toEqual([
      false,
      false,
      0,
    ]);
  });

  it('after missed messages, ends the calls Redis no longer lists once and adopts those it never heard of', () => {
    const now = jest.spyOn(Date, 'now');
    try {
      const tracker = new TwilioCallTracker();
      now.mockReturnValue(1000);
      tracker.seed({ a: 'tw', b: 'tw' });
      now.mockReturnValue(2000);
      tracker.apply({ kind: 'placed', callId: 'new', trunk: 'tw' });
      // Redis was asked at 1500, before `new` was placed here: its absence from the answer means nothing.
      expect(tracker.resync({ b: 'tw', c: 'tw' }, 1500)).toEqual(['a']);
      expect(['a', 'b', 'c', 'new'].map((id) => tracker.isLive(id))).toEqual([false, true, true, true]);
      // a's own end, arriving late, is not news any more; c's is.
      expect(tracker.isNews({ kind: 'event', event: ended('a') })).toBe(false);
      expect(tracker.isNews({ kind: 'event', event: ended('c') })).toBe(true);
      // Asked later, Redis not listing `new` means it ended unheard.
      expect(tracker.resync({ b: 'tw', c: 'tw' }, 3000)).toEqual(['new']);
    } finally {
      now.mockRestore();
    }
  });
});
