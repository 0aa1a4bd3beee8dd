import { reduceEscalation, startEscalation, type EscalationAction } from '../../../src/sos/domain';
import { cadre, EscalationSession, family, gridWorker, T0 } from './escalation-session';

const contacts = [
  family('son', '13800000001'),
  family('daughter', '13800000002', '057100000002'),
  gridWorker('grid', '13800000003'),
  cadre('cadre', '13800000004'),
];

describe('sequential escalation', () => {
  it('calls only the first family member, with the ring timeout and the connect-now prompt', () => {
    const s = new EscalationSession(contacts, { ringTimeoutMs: 25_000 });
    expect(s.actions).toEqual([
      expect.objectContaining({
        kind: 'call',
        number: '13800000001',
        ringTimeoutMs: 25_000,
        elderOnLine: true,
      }),
    ]);
    expect(s.state.status).toBe('escalating');
  });

  it.each(['no_answer', 'busy', 'failed', 'timeout', 'hung_up'] as const)(
    '%s from a single-number contact moves on to the next contact',
    (outcome) => {
      const s = new EscalationSession(contacts).leg('son', outcome);
      expect(s.placed()).toEqual(['daughter:13800000002']);
      expect(s.timeline.map((e) => [e.kind, e.contactId])).toContainEqual([outcome, 'son']);
    },
  );

  it.each(['no_answer', 'busy', 'failed', 'timeout', 'hung_up'] as const)(
    '%s on the first of several numbers tries the same contact’s next number',
    (outcome) => {
      const s = new EscalationSession(contacts).leg('son', 'no_answer').leg('daughter', outcome);
      expect(s.placed()).toEqual(['daughter:057100000002']);
    },
  );

  it('after the last number of a contact it moves on to the next contact', () => {
    const s = new EscalationSession(contacts)
      .leg('son', 'no_answer')
      .leg('daughter', 'no_answer')
      .leg('daughter', 'busy');
    expect(s.placed()).toEqual(['grid:13800000003']);
  });

  it('pressing 2 skips the contact’s other numbers', () => {
    const s = new EscalationSession(contacts).leg('son', 'no_answer').press('daughter', '2');
    expect(s.placed()).toEqual(['grid:13800000003']);
    expect(s.timeline.at(-2)).toMatchObject({ kind: 'declined', contactId: 'daughter' });
  });

  it('contact 1 does not answer, contact 2 presses 1: bridged to the elder, no more calls', () => {
    const s = new EscalationSession(contacts).leg('son', 'no_answer').leg('daughter', 'answered');
    const daughterCall = s.callIdOf('daughter');
    s.press('daughter', '1');

    expect(s.actions).toEqual([
      { kind: 'bridge', callId: daughterCall, contact: contacts[1] },
      { kind: 'stop_calls', callIds: [], except: 'daughter' },
    ]);
    expect(s.state.status).toBe('connected');
    expect(s.state.responder).toEqual({ contactId: 'daughter', callId: daughterCall });
    expect(s.timeline.map((e) => e.kind)).toEqual([
      'escalation_started',
      'round_started',
      'call_placed',
      'no_answer',
      'call_placed',
      'answered',
      'accepted',
      'bridged',
      'calls_stopped',
    ]);
  });

  it('ignores digits other than 1 and 2 and keeps waiting for a decision', () => {
    const s = new EscalationSession(contacts).press('son', '5');
    expect(s.actions).toEqual([]);
    expect(s.ringing()).toEqual(['son:13800000001']);
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'digit_ignored', contactId: 'son' });
  });

  it('everyone pressing 2 goes through a second round, then reports exhaustion and stays open', () => {
    const s = new EscalationSession(contacts, { pauseBetweenRoundsMs: 60_000 });
    s.press('son', '2').press('daughter', '2').press('grid', '2').press('cadre', '2');
    expect(s.actions).toEqual([{ kind: 'wake_at', at: T0 + 60_000 }]);
    expect(s.state.calls).toEqual([]);

    s.wait(30_000).send({ kind: 'wake' });
    expect(s.actions).toEqual([]);

    s.wait(30_000).send({ kind: 'wake' });
    expect(s.placed()).toEqual(['son:13800000001']);
    expect(s.state.round).toBe(2);

    s.press('son', '2').press('daughter', '2').press('grid', '2').press('cadre', '2');
    expect(s.actions).toEqual([{ kind: 'exhausted' }]);
    expect(s.state.status).toBe('exhausted');
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'exhausted', at: T0 + 60_000 });
  });

  it('starts the next round at once when there is no pause', () => {
    const s = new EscalationSession([family('son', '1')], { rounds: 3 });
    s.leg('son', 'no_answer');
    expect(s.placed()).toEqual(['son:1']);
    s.leg('son', 'no_answer');
    expect(s.placed()).toEqual(['son:1']);
    s.leg('son', 'no_answer');
    expect(s.actionKinds()).toEqual(['exhausted']);
  });

  it.each([
    [1, 1],
    [0, 1],
    [2, 2],
  ])('rounds=%d calls the list %d time(s)', (rounds, passes) => {
    const s = new EscalationSession([family('son', '1')], { rounds });
    let calls = 1;
    while (s.state.status === 'escalating') {
      s.leg('son', 'no_answer');
      calls += s.placed().length;
    }
    expect(calls).toBe(passes);
  });

  it('starts every round again from the first number of the first contact', () => {
    const s = new EscalationSession([family('daughter', '1', '2')]);
    s.leg('daughter', 'no_answer').leg('daughter', 'no_answer');
    expect(s.placed()).toEqual(['daughter:1']);
  });
});

describe('parallel escalation', () => {
  const parallelContacts = [
    family('son', '1'),
    family('daughter', '2', '22'),
    family('niece', '3'),
    gridWorker('grid', '4'),
    cadre('cadre', '5'),
  ];

  it('rings every family member at once', () => {
    const s = new EscalationSession(parallelContacts, { mode: 'parallel' });
    expect(s.placed()).toEqual(['son:1', 'daughter:2', 'niece:3']);
  });

  it('waits for the whole tier before calling the grid worker, then the cadre', () => {
    const s = new EscalationSession(parallelContacts, { mode: 'parallel' });
    s.press('son', '2');
    expect(s.actions).toEqual([]);
    s.leg('daughter', 'no_answer');
    expect(s.placed()).toEqual(['daughter:22']);
    s.leg('niece', 'busy').leg('daughter', 'timeout');
    expect(s.placed()).toEqual(['grid:4']);
    s.leg('grid', 'no_answer');
    expect(s.placed()).toEqual(['cadre:5']);
  });

  it('the first to press 1 is bridged and the calls still ringing are stopped', () => {
    const s = new EscalationSession(parallelContacts, { mode: 'parallel' });
    const sonCall = s.callIdOf('son');
    const nieceCall = s.callIdOf('niece');
    s.leg('daughter', 'answered').press('daughter', '1');

    expect(s.actionKinds()).toEqual(['bridge', 'stop_calls']);
    expect(s.actions[1]).toEqual({ kind: 'stop_calls', callIds: [sonCall, nieceCall], except: 'daughter' });

    s.send({ kind: 'pressed', callId: sonCall, digit: '1' });
    expect(s.actions).toEqual([]);
    expect(s.state.responder?.contactId).toBe('daughter');
    s.send({ kind: 'no_answer', callId: nieceCall });
    expect(s.actions).toEqual([]);
    expect(s.state.status).toBe('connected');
  });
});

describe('when the elder is not on the line', () => {
  it('a responder pressing 1 after the elder hung up is told the location; the others are stopped', () => {
    const s = new EscalationSession(contacts).send({ kind: 'elder_hung_up' });
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'elder_hung_up' });
    s.leg('son', 'no_answer');
    expect(s.actions).toEqual([expect.objectContaining({ kind: 'call', elderOnLine: false })]);

    s.press('daughter', '1');
    expect(s.actionKinds()).toEqual(['tell_location', 'stop_calls']);
    expect(s.state.status).toBe('responder_en_route');
  });

  it('escalation goes on after the elder hangs up', () => {
    const s = new EscalationSession(contacts).send({ kind: 'elder_hung_up' });
    expect(s.ringing()).toEqual(['son:13800000001']);
    s.leg('son', 'no_answer');
    expect(s.placed()).toEqual(['daughter:13800000002']);
  });

  it('an incident opened by an alarm frame tells the responder the location from the start', () => {
    const s = new EscalationSession(contacts, {}, false);
    expect(s.actions).toEqual([expect.objectContaining({ kind: 'call', elderOnLine: false })]);
    s.press('son', '1');
    expect(s.actionKinds()).toEqual(['tell_location', 'stop_calls']);
  });

  it('the elder calling again makes the next responder bridged again', () => {
    const s = new EscalationSession(contacts).send({ kind: 'elder_hung_up' });
    s.send({ kind: 'sos_repeated', viaCall: true }).press('son', '1');
    expect(s.actionKinds()).toEqual(['bridge', 'stop_calls']);
  });

  it('the elder hanging up after being connected keeps the incident open', () => {
    const s = new EscalationSession(contacts).press('son', '1').send({ kind: 'elder_hung_up' });
    expect(s.state.status).toBe('connected');
    expect(s.actions).toEqual([]);
  });
});

describe('resolution', () => {
  it('a dispatcher resolving during escalation stops every call', () => {
    const s = new EscalationSession(contacts, { mode: 'parallel' });
    s.send({ kind: 'resolved', by: 'dispatcher-7', via: 'api' });
    expect(s.actions).toEqual([{ kind: 'stop_calls', callIds: ['inc-1', 'inc-2'], except: null }]);
    expect(s.state.status).toBe('resolved');
    expect(s.timeline.at(-1)).toMatchObject({
      kind: 'resolved',
      contactId: null,
      detail: 'by dispatcher-7 via api',
    });
  });

  it('resolving does not cut off the responder talking to the elder', () => {
    const s = new EscalationSession(contacts).press('son', '1');
    s.send({ kind: 'resolved', by: 'son', via: 'dtmf' });
    expect(s.actions).toEqual([{ kind: 'stop_calls', callIds: [], except: 'son' }]);
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'resolved', contactId: 'son' });
  });

  it('the incident stays open after the responder hangs up, until someone resolves it', () => {
    const s = new EscalationSession(contacts).send({ kind: 'elder_hung_up' }).press('son', '1');
    s.leg('son', 'hung_up');
    expect(s.state.status).toBe('responder_en_route');
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'responder_hung_up', contactId: 'son' });
  });

  it('ignores everything after resolution', () => {
    const s = new EscalationSession(contacts).send({ kind: 'resolved', by: 'x', via: 'api' });
    const before = s.state;
    for (const event of [{ kind: 'wake' }, { kind: 'sos_repeated', viaCall: true }] as const) {
      const step = reduceEscalation(before, event, T0);
      expect(step).toEqual({ state: before, actions: [], timeline: [] });
    }
  });
});

describe('another SOS joining the incident', () => {
  it('restarts the calling after everyone was tried', () => {
    const s = new EscalationSession([family('son', '1')], { rounds: 1 });
    s.leg('son', 'no_answer');
    expect(s.state.status).toBe('exhausted');
    s.send({ kind: 'sos_repeated', viaCall: false });
    expect(s.placed()).toEqual(['son:1']);
    expect(s.state).toMatchObject({ status: 'escalating', round: 1 });
  });

  it('is only recorded while calling is in progress', () => {
    const s = new EscalationSession(contacts).send({ kind: 'sos_repeated', viaCall: false });
    expect(s.actions).toEqual([]);
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'sos_repeated', detail: 'another alarm frame' });
  });
});

describe('reducer hygiene', () => {
  it('ignores events for calls that already ended, without a timeline entry', () => {
    const s = new EscalationSession(contacts);
    const sonCall = s.callIdOf('son');
    s.leg('son', 'no_answer');
    const step = reduceEscalation(s.state, { kind: 'pressed', callId: sonCall, digit: '1' }, T0);
    expect(step).toEqual({ state: s.state, actions: [], timeline: [] });
  });

  it('does not change the state it is given', () => {
    const start = startEscalation(
      {
        incidentId: 'inc',
        contacts,
        settings: { mode: 'parallel', rounds: 2, ringTimeoutMs: 30_000, pauseBetweenRoundsMs: 0 },
        elderOnLine: true,
      },
      T0,
    ).state;
    const copy = structuredClone(start);
    reduceEscalation(start, { kind: 'no_answer', callId: 'inc-1' }, T0 + 1);
    reduceEscalation(start, { kind: 'pressed', callId: 'inc-2', digit: '1' }, T0 + 1);
    expect(start).toEqual(copy);
  });

  it('gives every call its own id and stamps every timeline entry with the clock it was given', () => {
    const s = new EscalationSession(contacts);
    const ids: string[] = [];
    const collect = (actions: EscalationAction[]): void => {
      for (const a of actions) if (a.kind === 'call') ids.push(a.callId);
    };
    collect(s.actions);
    for (const who of ['son', 'daughter', 'daughter', 'grid', 'cadre']) {
      s.wait(1_000).leg(who, 'no_answer');
      collect(s.actions);
      expect(s.timeline.at(-1)?.at).toBe(s.now);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
  });

  it('reports exhaustion at once when nobody can be called', () => {
    const s = new EscalationSession([family('son'), gridWorker('grid')]);
    expect(s.actions).toEqual([{ kind: 'exhausted' }]);
    expect(s.state.status).toBe('exhausted');
  });
});
