import type { CallEvent } from '../../src/telephony/call-events';
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
    expect(kinds(out)).toEqual(['ringing', 'answered', 'ended']);
    expect(out[2]).toMatchObject({ answered: true, q850: 16, cause: 'answered' });
  });

  it('ends a failed originate once, whether or not its channel reported the end first', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    t.apply({ kind: 'newchannel', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 0 }, at);
    const first = t.apply(
      { kind: 'hangup', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', cause: 17 },
      at,
    ).calls;
    expect(first).toEqual([expect.objectContaining({ type: 'ended', q850: 17, cause: 'busy' })]);
    expect(t.originateFailed('a', 5, at)).toEqual([]);
    expect(t.originateFailed('never-created', 3, at)).toEqual([
      expect.objectContaining({ q850: 19, cause: 'no-answer', answered: false }),
    ]);
    expect(t.originateFailed('congested', 8, at)).toEqual([
      expect.objectContaining({ q850: 34, cause: 'congestion' }),
    ]);
  });

  it('after a reconnect, ends what Asterisk no longer has with what it kept, else as unknown', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    for (const id of ['a', 'b', 'c'])
      t.apply({ kind: 'newchannel', uniqueId: id, channel: `PJSIP/pstn-0000000${id}`, state: 6 }, at);
    const lost = t.resync(
      [
        { uniqueId: 'c', channel: 'PJSIP/pstn-0000000c', state: 6 },
        { uniqueId: 'd', channel: 'PJSIP/pstn-0000000d', state: 6 },
      ],
      t.mark(),
    );
    expect(lost.sort()).toEqual(['a', 'b']);
    const a = t.endUnseen('a', parseKeptOutcome('1:16:1:'), at);
    expect(a).toEqual([
      expect.objectContaining({ type: 'digit', digit: '1', recovered: true }),
      expect.objectContaining({ type: 'ended', answered: true, q850: 16, cause: 'answered' }),
    ]);
    expect(t.endUnseen('b', null, at)).toEqual([
      expect.objectContaining({ type: 'ended', cause: 'unknown' }),
    ]);
    expect(t.channelsInUse('pstn')).toBe(2);
  });

  it('never ends a call placed while the channel listing was under way: it is only younger than the listing', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    t.apply({ kind: 'newchannel', uniqueId: 'old', channel: 'PJSIP/pstn-0000000a', state: 6 }, at);
    const mark = t.mark();
    // The listing was taken before this call's channel existed; its Newchannel came with the listing's end.
    t.apply({ kind: 'newchannel', uniqueId: 'new', channel: 'PJSIP/pstn-0000000b', state: 0 }, at);
    expect(t.resync([], mark)).toEqual(['old']);
    expect(t.isLive('new')).toBe(true);
    expect(t.channelsInUse('pstn')).toBe(2);
  });

  it('does not adopt back a listed channel whose hangup arrived before the listing ended', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    const mark = t.mark();
    const listed = { uniqueId: 'away', channel: 'PJSIP/pstn-0000000c', state: 6 };
    t.apply({ kind: 'hangup', uniqueId: 'away', channel: listed.channel, cause: 16 }, at);
    expect(t.resync([listed], mark)).toEqual([]);
    expect(t.isLive('away')).toBe(false);
    expect(t.channelsInUse('pstn')).toBe(0);
  });

  it('leaves an answered call to its own hangup when its originate reports a failure', () => {
    const t = new ChannelTracker('local', new Set(['pstn']));
    t.apply({ kind: 'newchannel', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 0 }, at);
    t.apply({ kind: 'newstate', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', state: 6 }, at);
    expect(t.originateFailed('a', 3, at)).toEqual([]);
    const ended = t.apply({ kind: 'hangup', uniqueId: 'a', channel: 'PJSIP/pstn-0000000a', cause: 16 }, at);
    expect(ended.calls).toEqual([expect.objectContaining({ type: 'ended', cause: 'answered', q850: 16 })]);
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

describe("the dialplan's user events as the port's call events", () => {
  const t = () => new ChannelTracker('local', new Set(['pstn']));
  const user = (name: string, fields: Record<string, string>) =>
    t().apply({ kind: 'user', uniqueId: 'a', name, fields }, at).calls;

  it('the menu answer, the repeat key and machine detection are typed, not names and strings', () => {
    expect(user('LinliDigit', { digit: '2', play: '2' })).toEqual([
      expect.objectContaining({ type: 'digit', digit: '2', play: 2, recovered: false }),
    ]);
    expect(user('LinliRepeat', { play: '1' })).toEqual([
      expect.objectContaining({ type: 'repeat', play: 1 }),
    ]);
    expect(user('LinliAmd', { status: 'NOTSURE', cause: 'TOOLONG-5000' })).toEqual([
      expect.objectContaining({ type: 'machine', verdict: 'unsure', detail: 'TOOLONG-5000' }),
    ]);
    expect(user('LinliHolding', { digit: '1' })).toEqual([
      expect.objectContaining({ type: 'holding', digit: '1' }),
    ]);
  });

  it('gathered keys and recordings carry what ended them', () => {
    expect(user('LinliGathered', { digits: '12#', status: 'OK' })).toEqual([
      expect.objectContaining({ type: 'gathered', digits: '12#', complete: true }),
    ]);
    expect(user('LinliGathered', { digits: '', status: 'TIMEOUT' })).toEqual([
      expect.objectContaining({ type: 'gathered', digits: '', complete: false }),
    ]);
    expect(user('LinliRecorded', { recording: 'recordings/x', status: 'SILENCE' })).toEqual([
      expect.objectContaining({ type: 'recorded', recording: 'recordings/x', endedBy: 'silence' }),
    ]);
  });

  it('an inbound call names its service; an unknown service or event is not passed on', () => {
    const out = t().apply(
      {
        kind: 'user',
        uniqueId: 'in-1',
        name: 'LinliInbound',
        fields: { service: 'sos', caller: '8613800000001', called: '96500', recording: 'recordings/sos-1' },
      },
      at,
    );
    expect(out.inbound).toEqual([
      expect.objectContaining({
        callId: 'in-1',
        service: 'sos',
        caller: '8613800000001',
        recording: 'recordings/sos-1',
      }),
    ]);
    expect(
      t().apply({ kind: 'user', uniqueId: 'x', name: 'LinliInbound', fields: { service: 'fax' } }, at)
        .inbound,
    ).toEqual([]);
    expect(user('SomethingElse', {})).toEqual([]);
  });
});
