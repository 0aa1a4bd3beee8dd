import { contactNotify, locationNotify } from '../../../src/sos/incidents/contact-call-request';
import { contactCallEvent } from '../../../src/sos/incidents/contact-call-events';
import type { CallEvent } from '../../../src/telephony/call-events';
import { classifyCallEnd } from '../../../src/telephony/q850';

const base = { callId: 'inc-1', server: 'local', at: new Date() };
const ended = (answered: boolean, q850: number, unknown = false): CallEvent => ({
  ...base,
  type: 'ended',
  answered,
  q850,
  cause: classifyCallEnd(answered, q850, unknown),
});

describe("what a contact's call tells the escalation", () => {
  it("ringing, answering and the menu's answer", () => {
    expect(contactCallEvent({ ...base, type: 'ringing' })).toEqual({ kind: 'call_started', callId: 'inc-1' });
    expect(contactCallEvent({ ...base, type: 'answered' })).toEqual({ kind: 'answered', callId: 'inc-1' });
    expect(contactCallEvent({ ...base, type: 'digit', digit: '1', play: 1, recovered: false })).toEqual({
      kind: 'pressed',
      callId: 'inc-1',
      digit: '1',
    });
  });

  it('ignores tones heard, an empty read, holding and bridging', () => {
    expect(contactCallEvent({ ...base, type: 'tone', digit: '1' })).toBeNull();
    expect(contactCallEvent({ ...base, type: 'digit', digit: '', play: 2, recovered: false })).toBeNull();
    expect(contactCallEvent({ ...base, type: 'holding', digit: '1' })).toBeNull();
    expect(contactCallEvent({ ...base, type: 'bridged', bridgeId: 'b' })).toBeNull();
  });

  it('tells apart how a call ended from the Q.850 cause', () => {
    expect(contactCallEvent(ended(true, 16))).toEqual({ kind: 'hung_up', callId: 'inc-1' });
    expect(contactCallEvent(ended(false, 19))).toEqual({ kind: 'no_answer', callId: 'inc-1' });
    expect(contactCallEvent(ended(false, 17))).toEqual({ kind: 'busy', callId: 'inc-1' });
    expect(contactCallEvent(ended(false, 21))).toEqual({ kind: 'busy', callId: 'inc-1' });
    expect(contactCallEvent(ended(false, 1))).toEqual({ kind: 'failed', callId: 'inc-1' });
    expect(contactCallEvent(ended(false, 34))).toEqual({ kind: 'failed', callId: 'inc-1' });
    expect(contactCallEvent(ended(true, 0, true))).toEqual({ kind: 'failed', callId: 'inc-1' });
  });
});

describe("a contact's SOS call", () => {
  const call = { callId: 'inc-1-1', trunk: 'pstn', destination: '+8613800000001', ringTimeoutMs: 30_000 };
  const message = [{ kind: 'tts', text: '紧急求助' }] as const;

  it('holds whoever presses 1 for the bridge and takes 2 as a no', () => {
    const request = contactNotify(call, message);
    expect(request.prompt).toEqual(message);
    expect(request.choices.map((c) => [c.digit, c.hold === true])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(request.machineDetection).toBe('off');
  });

  it('a location call-back holds nobody', () => {
    expect(locationNotify(call, message).choices.some((c) => c.hold)).toBe(false);
  });
});
