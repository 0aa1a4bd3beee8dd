import { contactCallEvent } from '../../../src/sos/incidents/contact-call-events';
import { contactCallVariables } from '../../../src/sos/incidents/contact-call-variables';
import type { CallEvent } from '../../../src/telephony/call-control';

const base = { callId: 'inc-1', server: 'local', at: new Date() };
const hangup = (answered: boolean, cause: number, unknown = false): CallEvent => ({
  ...base,
  type: 'hangup',
  answered,
  cause,
  unknown,
});

describe("what a contact's call tells the escalation", () => {
  it('ringing, answering and the digit the dialplan read', () => {
    expect(contactCallEvent({ ...base, type: 'ringing' })).toEqual({ kind: 'call_started', callId: 'inc-1' });
    expect(contactCallEvent({ ...base, type: 'answered' })).toEqual({ kind: 'answered', callId: 'inc-1' });
    expect(
      contactCallEvent({
        ...base,
        type: 'user',
        name: 'LinliDigit',
        fields: { callid: 'inc-1', digit: '1', play: '1' },
      }),
    ).toEqual({ kind: 'pressed', callId: 'inc-1', digit: '1' });
  });

  it('ignores tones heard, an empty read, holding and bridging', () => {
    expect(contactCallEvent({ ...base, type: 'dtmf', digit: '1' })).toBeNull();
    expect(contactCallEvent({ ...base, type: 'user', name: 'LinliDigit', fields: { digit: '' } })).toBeNull();
    expect(
      contactCallEvent({ ...base, type: 'user', name: 'LinliHolding', fields: { digit: '1' } }),
    ).toBeNull();
    expect(contactCallEvent({ ...base, type: 'bridged', bridgeId: 'b' })).toBeNull();
  });

  it('tells apart how a call ended from the Q.850 cause', () => {
    expect(contactCallEvent(hangup(true, 16))).toEqual({ kind: 'hung_up', callId: 'inc-1' });
    expect(contactCallEvent(hangup(false, 19))).toEqual({ kind: 'no_answer', callId: 'inc-1' });
    expect(contactCallEvent(hangup(false, 17))).toEqual({ kind: 'busy', callId: 'inc-1' });
    expect(contactCallEvent(hangup(false, 21))).toEqual({ kind: 'busy', callId: 'inc-1' });
    expect(contactCallEvent(hangup(false, 1))).toEqual({ kind: 'failed', callId: 'inc-1' });
    expect(contactCallEvent(hangup(true, 0, true))).toEqual({ kind: 'failed', callId: 'inc-1' });
  });
});

describe("a contact's SOS call in the dialplan", () => {
  it('holds whoever presses 1 for the bridge, takes 2 as a no, and carries the location message', () => {
    const variables = contactCallVariables({
      message: '/media/linli/cache/m',
      location: '/media/linli/cache/l',
    });
    expect(variables).toMatchObject({
      LINLI_PROMPT: '/media/linli/cache/m',
      LINLI_DIGITS: '12',
      LINLI_HOLD_DIGITS: '1',
      LINLI_LOCATION_PROMPT: '/media/linli/cache/l',
    });
  });
});
