/** The trunk budget's pure rules: limits, order of waiting, what counts as placing, the placing heartbeat. */
import { EngineUnavailable } from '../../src/telephony/errors/engine-unavailable';
import { InvalidCallRequest } from '../../src/telephony/errors/invalid-call-request';
import { OutcomeUnknown } from '../../src/telephony/errors/outcome-unknown';
import { PromptUnavailable } from '../../src/telephony/errors/prompt-unavailable';
import { TrunkCongested } from '../../src/telephony/errors/trunk-congested';
import {
  channelLimit,
  classifyPlacing,
  parseTakeReply,
  placingUpkeep,
  priorityRank,
  wasNotPlaced,
  type OwnPlacing,
} from '../../src/telephony/trunk-budget-rules';

const TRUNK = { name: 'pstn', server: 'ast1', channels: 30, cps: 10, reserved: 2 };

describe('trunk budget rules', () => {
  it('SOS calls may use the reserved channels; hotline, escalation and campaign calls stop below them', () => {
    expect(channelLimit(TRUNK, 'sos')).toBe(30);
    expect(channelLimit(TRUNK, 'hotline')).toBe(28);
    expect(channelLimit(TRUNK, 'escalation')).toBe(28);
    expect(channelLimit(TRUNK, 'campaign')).toBe(28);
  });

  it('SOS ranks first and never waits, then the hotline, then escalation calls, then campaign calls', () => {
    expect(priorityRank('sos')).toBe(0);
    expect(priorityRank('hotline')).toBeLessThan(priorityRank('escalation'));
    expect(priorityRank('escalation')).toBeLessThan(priorityRank('campaign'));
  });

  it('a call being placed whose channel shows counts once (with the engine), the asking call not at all', () => {
    const live = new Set(['up-1']);
    expect(classifyPlacing(['up-1', 'new-2', 'me'], 'me', (id) => live.has(id))).toEqual({
      shown: ['up-1'],
      placing: ['new-2'],
    });
  });

  it('gives a channel back only when the originate certainly placed nothing', () => {
    expect(wasNotPlaced(new TrunkCongested('pstn', 'carrier 503'))).toBe(true);
    expect(wasNotPlaced(new EngineUnavailable('ast1'))).toBe(true);
    expect(wasNotPlaced(new PromptUnavailable('no audio'))).toBe(true);
    expect(wasNotPlaced(new InvalidCallRequest('not a number'))).toBe(true);
    // May be ringing: it keeps its channel until it ends or shows.
    expect(wasNotPlaced(new OutcomeUnknown('no answer from the engine'))).toBe(false);
    expect(wasNotPlaced(new Error('database down'))).toBe(false);
  });

  describe('the placing heartbeat', () => {
    const limits = { ttlMs: 5_000, maxPlacingMs: 30_000 };
    const own = (entries: Record<string, Partial<OwnPlacing>>) =>
      new Map(
        Object.entries(entries).map(([id, e]) => [
          id,
          { trunk: 'pstn', takenAt: 0, refreshedAt: 0, refreshing: true, ...e },
        ]),
      );

    it('keeps an originate under way counted, per trunk, and lets go of calls whose channel shows', () => {
      const upkeep = placingUpkeep(
        own({ a: {}, b: { trunk: 'other' }, up: {} }),
        1_000,
        limits,
        (id) => id === 'up',
      );
      expect(Object.fromEntries(upkeep.refresh)).toEqual({ pstn: ['a'], other: ['b'] });
      expect(upkeep.shown).toEqual(['up']);
    });

    it('stops counting a call still placing after longer than any originate takes', () => {
      const upkeep = placingUpkeep(own({ stuck: { takenAt: 0 } }), 30_001, limits, () => false);
      expect(upkeep.overdue).toEqual(['stuck']);
      expect(upkeep.refresh.size).toBe(0);
    });

    it('forgets a call no longer pushed forward once its entry has lapsed in Redis', () => {
      const entries = own({
        gone: { refreshing: false, refreshedAt: 0 },
        fresh: { refreshing: false, refreshedAt: 4_000 },
      });
      expect(placingUpkeep(entries, 5_001, limits, () => true).lapsed).toEqual(['gone']);
    });
  });

  it('reads the take script’s reply, and refuses anything else', () => {
    expect(parseTakeReply(['taken', 3, 'a', 'b'])).toEqual({ kind: 'taken', inUse: 3, members: ['a', 'b'] });
    expect(parseTakeReply(['wait', 2])).toEqual({ kind: 'wait', inUse: 2, members: [] });
    expect(parseTakeReply(['full', 2, 'a'])).toEqual({ kind: 'full', inUse: 2, members: ['a'] });
    expect(parseTakeReply(['unknown', 0, 'x'])).toEqual({ kind: 'unknown', members: ['x'] });
    expect(() => parseTakeReply(['maybe', 1])).toThrow(/unexpected/);
    expect(() => parseTakeReply(null)).toThrow(/malformed/);
  });
});
