import type { CallEvent } from '../../src/telephony/call-control';
import { ChannelTracker, parseKeptOutcome } from '../../src/telephony/asterisk/channel-tracker';

const at = new Date('2026-12-01T01:00:00Z');
const kinds = (events: CallEvent[]) => events.map((e) => e.type);

describe('following channels of one Asterisk server', () => {
  it('counts channels per trunk from channel names and frees them on hangup', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    t.apply({ kind: 'newchannel', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 0 }, at);
    t.apply({ kind: 'newchannel', uniqueId: 'b', channel: 'PJSIP/pstn-0000000b', state: 0 }, at);
    t.apply({ kind: 'newchannel', uniqueId: 'c', channel: 'Local/s@linli-page-0000000c;1', state: 0 }, at);
    expect(t.channelsInUse('pstn')).toBe(2);
    t.apply({ kind: 'hangup', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', cause: 16 }, at);
    expect(t.channelsInUse('pstn')).toBe(1);
  });

  it('reports ringing, answer once, and the end with whether it was answered', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    const out = [
      t.apply({ kind: 'newchannel', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 0 }, at),
      t.apply({ kind: 'newstate', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 5 }, at),
      t.apply({ kind: 'newstate', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 6 }, at),
      t.apply({ kind: 'newstate', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 6 }, at),
      t.apply({ kind: 'hangup', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', cause: 16 }, at),
    ].flatMap((o) => o.calls);
    expect(kinds(out)).toEqual(['ringing', 'answered', 'hangup']);
    expect(out[2]).toMatchObject({ answered: true, cause: 16, unknown: false });
  });

  it('ends a failed originate once, whether or not its channel reported the end first', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    t.apply({ kind: 'newchannel', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 0 }, at);
    const first = t.apply(
      { kind: 'hangup', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', cause: 17 },
      at,
    ).calls;
    expect(first).toEqual([expect.objectContaining({ type: 'hangup', cause: 17 })]);
    expect(t.originateFailed('a', 5, at)).toEqual([]);
    expect(t.originateFailed('never-created', 3, at)).toEqual([
      expect.objectContaining({ cause: 19, answered: false }),
    ]);
  });

  it('after a reconnect, ends what Asterisk no longer has with what it kept, else as unknown', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    for (const id of ['a', 'b', 'c'])
      t.apply({ kind: 'newchannel', uniqueId: id, channel: `PJSIP/pstn-0000000${id}`, state: 6 }, at);
    const lost = t.resync([
      { uniqueId: 'c', channel: 'PJSIP/pstn-0000000c', state: 6 },
      { uniqueId: 'd', channel: 'PJSIP/pstn-0000000d', state: 6 },
    ]);
    expect(lost.sort()).toEqual(['a', 'b']);
    const a = t.endUnseen('a', parseKeptOutcome('1:16:1:'), at);
    expect(a).toEqual([
      expect.objectContaining({
        type: 'user',
        name: 'LinliDigit',
        fields: expect.objectContaining({ digit: '1' }),
      }),
      expect.objectContaining({ type: 'hangup', answered: true, cause: 16, unknown: false }),
    ]);
    expect(t.endUnseen('b', null, at)).toEqual([expect.objectContaining({ type: 'hangup', unknown: true })]);
    expect(t.channelsInUse('pstn')).toBe(2);
  });

  it('reads the outcome record the dialplan keeps, and refuses a mangled one', () => {
    expect(parseKeptOutcome('1:16:2:MACHINE')).toEqual({
      answered: true,
      cause: 16,
      digit: '2',
      amd: 'MACHINE',
    });
    expect(parseKeptOutcome('1:16::')).toEqual({ answered: true, cause: 16, digit: '', amd: '' });
    expect(parseKeptOutcome('garbage')).toBeNull();
  });
});
