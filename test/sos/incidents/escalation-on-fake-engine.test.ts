/**
 * The SOS escalation run for real (sos-triggers, escalation-runner, escalation-actions, sos-call-events,
 * the BullMQ wake-ups) in one worker, with the real PostgreSQL and Redis, on a fake engine: the elder's
 * card calls in with callIn, the contacts' phones are scripted.
 */
import { TrunkCongested } from '../../../src/telephony/errors/trunk-congested';
import { waitFor } from '../../support/stack';
import { has, HOLDS_ON, SOS_TRUNK, SosOnFake, steps } from '../support/sos-on-fake';
import { registerElder } from '../support/register-elder';

jest.setTimeout(20_000);

/**
 * Ten minutes of ringing (six seconds of the fake's time): a phone the test ends itself with
 * farEndHangsUp, however slow the machine, before it would time out.
 */
const LONG_RING_SECONDS = 600;

describe('an elder presses SOS: the escalation on a fake engine', () => {
  let sos: SosOnFake;

  beforeAll(async () => {
    sos = await SosOnFake.start();
    await sos.startWorker('worker');
  });

  afterAll(async () => {
    await sos?.stop();
  });

  const callIdTo = (number: string, nth = 0) => sos.callsTo(number)[nth]?.callId ?? '';
  const bridgesOf = (callId: string) =>
    sos.events.flatMap((e) => (e.type === 'bridged' && e.callId === callId ? [e.bridgeId] : []));

  it('connects the contact who presses 1 to the elder after the first did not answer', async () => {
    const elder = await registerElder(sos.db, ['family1', 'family2', 'gridWorker'], {
      escalation: { rounds: 1, ringTimeoutSeconds: 1 },
    });
    const { family1, family2, gridWorker } = elder.contacts;
    sos.fake.phone(family1.phone, 'no-answer').phone(family2.phone, HOLDS_ON);

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    const timeline = await sos.untilTimeline(
      incident.id,
      (t) => t.filter((e) => e.kind === 'bridge_entered').length === 2,
      'the responder and the elder in one bridge',
    );

    expect(steps(timeline)).toEqual([
      ['sos_call', null],
      ['escalation_started', null],
      ['round_started', null],
      ['call_placed', family1.personId],
      ['ringing', family1.personId],
      ['no_answer', family1.personId],
      ['call_placed', family2.personId],
      ['ringing', family2.personId],
      ['answered', family2.personId],
      ['accepted', family2.personId],
      ['bridged', family2.personId],
      ['calls_stopped', null],
      ['bridge_entered', null],
      ['bridge_entered', null],
    ]);
    expect(await sos.db.sosIncident.findUnique({ where: { id: incident.id } })).toMatchObject({
      status: 'connected',
      elderCallId: elderCall.callId,
    });
    // One bridge holds the elder's call and the responder's.
    const [elderBridge] = bridgesOf(elderCall.callId);
    expect(elderBridge).toBeDefined();
    expect(bridgesOf(callIdTo(family2.phone))).toEqual([elderBridge]);
    expect(sos.callsTo(family1.phone)).toHaveLength(1);
    expect(sos.callsTo(gridWorker.phone)).toHaveLength(0);
    expect(sos.callsTo(family2.phone)[0]).toMatchObject({ trunk: SOS_TRUNK, callerId: '96500' });
  });

  it('still connects someone when the trunk is congested on the first contact call', async () => {
    const elder = await registerElder(sos.db, ['family1', 'family2'], {
      escalation: { rounds: 1, ringTimeoutSeconds: 1 },
    });
    const { family1, family2 } = elder.contacts;
    sos.fake.phone(family1.phone, HOLDS_ON).phone(family2.phone, HOLDS_ON);
    sos.fake.refuseNext(new TrunkCongested(SOS_TRUNK, 'carrier said 503'));

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    const timeline = await sos.untilTimeline(
      incident.id,
      (t) => t.filter((e) => e.kind === 'bridge_entered').length === 2,
      'someone connected to the elder',
    );

    // The refused dial is on the timeline; whether the escalation dials that contact again or goes on
    // to the next, a contact is called, presses 1 and hears the elder.
    const refused = timeline.find((e) => e.contactId === family1.personId && /congested/.test(e.detail));
    expect(refused?.kind).toMatch(/^call_(waiting|failed)$/);
    const accepted = timeline.filter((e) => e.kind === 'accepted');
    expect(accepted).toHaveLength(1);
    const responder = accepted[0]?.contactId === family1.personId ? family1 : family2;
    const [bridge] = bridgesOf(elderCall.callId);
    expect(bridgesOf(callIdTo(responder.phone))).toEqual([bridge]);
    expect((await sos.db.sosIncident.findUnique({ where: { id: incident.id } }))?.status).toBe('connected');
  });

  it('tells the responder where to go when the elder hung up before anyone accepted', async () => {
    // A long ring, so the elder's hang-up is handled while the first contact's phone still rings.
    const elder = await registerElder(sos.db, ['family1', 'family2'], {
      escalation: { rounds: 1, ringTimeoutSeconds: LONG_RING_SECONDS },
    });
    const { family1, family2 } = elder.contacts;
    sos.fake.phone(family1.phone, 'no-answer').phone(family2.phone, HOLDS_ON);

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    await sos.untilTimeline(incident.id, has('ringing', family1.personId), 'the first contact to ring');
    sos.fake.farEndHangsUp(elderCall.callId);
    await sos.untilTimeline(incident.id, has('elder_hung_up'), "the elder's hang-up");
    sos.fake.farEndHangsUp(callIdTo(family1.phone), 19);

    const timeline = await sos.untilTimeline(incident.id, has('location_played'), 'the location played');
    const kinds = timeline.map((e) => e.kind);
    expect(kinds.indexOf('elder_hung_up')).toBeLessThan(kinds.indexOf('accepted'));
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'location_told', contactId: family2.personId }),
    );
    expect(kinds).not.toContain('bridged');
    expect((await sos.db.sosIncident.findUnique({ where: { id: incident.id } }))?.status).toBe(
      'responder_en_route',
    );
    // The responder heard the location on the call they were held on.
    const responderCall = callIdTo(family2.phone);
    expect(sos.events.some((e) => e.type === 'told' && e.callId === responderCall)).toBe(true);
    expect(bridgesOf(responderCall)).toEqual([]);
  });

  it('connects only one of two contacts who press 1 at once and hangs up the other', async () => {
    const elder = await registerElder(sos.db, ['family1', 'family2'], {
      escalation: { mode: 'parallel', rounds: 1, ringTimeoutSeconds: 1 },
    });
    const { family1, family2 } = elder.contacts;
    sos.fake.phone(family1.phone, HOLDS_ON).phone(family2.phone, HOLDS_ON);

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    const timeline = await sos.untilTimeline(
      incident.id,
      (t) => t.filter((e) => e.kind === 'bridge_entered').length === 2,
      'the bridge',
    );

    const accepted = timeline.filter((e) => e.kind === 'accepted');
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]?.contactId === family1.personId ? family1 : family2;
    const loser = winner === family1 ? family2 : family1;
    const [bridge] = bridgesOf(elderCall.callId);
    expect(bridgesOf(callIdTo(winner.phone))).toEqual([bridge]);
    // The other contact's call is ended by linli, never bridged.
    const loserCall = callIdTo(loser.phone);
    await waitFor(
      () => sos.events.some((e) => e.type === 'ended' && e.callId === loserCall),
      5_000,
      'the other call to end',
    );
    expect(bridgesOf(loserCall)).toEqual([]);
    expect(sos.fake.isLive(loserCall)).toBe(false);
    expect(sos.fake.isLive(callIdTo(winner.phone))).toBe(true);
    expect((await sos.db.sosIncident.findUnique({ where: { id: incident.id } }))?.status).toBe('connected');
  });

  it('ignores a key reported after the contact hung up and goes on to the next contact', async () => {
    const elder = await registerElder(sos.db, ['family1', 'family2', 'gridWorker'], {
      escalation: { rounds: 1, ringTimeoutSeconds: LONG_RING_SECONDS },
    });
    const { family1, family2, gridWorker } = elder.contacts;
    sos.fake
      .phone(family1.phone, 'hangup:1')
      .phone(family2.phone, 'no-answer')
      .phone(gridWorker.phone, HOLDS_ON);

    sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    await sos.untilTimeline(incident.id, has('ringing', family2.personId), 'the second contact to ring');
    expect(await sos.timeline(incident.id)).toContainEqual(
      expect.objectContaining({ kind: 'hung_up', contactId: family1.personId }),
    );
    // The first contact's 1 arrives only now; then the second contact's phone stops ringing.
    const family1Call = callIdTo(family1.phone);
    sos.fake.reportLate({
      type: 'digit',
      digit: '1',
      play: 1,
      recovered: false,
      callId: family1Call,
      server: 'fake',
      at: new Date(),
    });
    sos.fake.farEndHangsUp(callIdTo(family2.phone), 17);

    const timeline = await sos.untilTimeline(incident.id, has('bridge_entered'), 'the bridge');
    expect(timeline.filter((e) => e.kind === 'accepted')).toEqual([
      expect.objectContaining({ contactId: gridWorker.personId }),
    ]);
    expect(bridgesOf(family1Call)).toEqual([]);
    expect(bridgesOf(callIdTo(gridWorker.phone))).toHaveLength(1);
  });

  it('leaves the incident open for the dispatcher when nobody accepts in any round', async () => {
    const elder = await registerElder(sos.db, ['family1', 'family2'], {
      escalation: { rounds: 2, ringTimeoutSeconds: 1, pauseBetweenRoundsSeconds: 0.1 },
    });
    const { family1, family2 } = elder.contacts;
    sos.fake.phone(family1.phone, 'busy').phone(family2.phone, 'press:2');

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    const timeline = await sos.untilTimeline(incident.id, has('dispatcher_needed'), 'the dispatcher alert');

    expect(steps(timeline).filter(([kind]) => kind !== 'ringing' && kind !== 'answered')).toEqual([
      ['sos_call', null],
      ['escalation_started', null],
      ['round_started', null],
      ['call_placed', family1.personId],
      ['busy', family1.personId],
      ['call_placed', family2.personId],
      ['declined', family2.personId],
      ['round_paused', null],
      // The second round starts from the queued wake-up.
      ['round_started', null],
      ['call_placed', family1.personId],
      ['busy', family1.personId],
      ['call_placed', family2.personId],
      ['declined', family2.personId],
      ['exhausted', null],
      ['dispatcher_needed', null],
    ]);
    expect((await sos.db.sosIncident.findUnique({ where: { id: incident.id } }))?.status).toBe('exhausted');
    expect(sos.callsTo(family1.phone)).toHaveLength(2);
    expect(sos.callsTo(family2.phone)).toHaveLength(2);
    // The elder is still held on the line, recorded, for the dispatcher.
    expect(sos.fake.isLive(elderCall.callId)).toBe(true);
  });
});
