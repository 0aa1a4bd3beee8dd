/**
 * Several linli workers on one fake engine, one database and one Redis (README "Several workers"): one of
 * them takes an SOS call, and when it dies mid-escalation another carries the incident on from what
 * PostgreSQL and the queued call check hold (incident-watchdog).
 */
import { has, HOLDS_ON, SosOnFake } from '../support/sos-on-fake';
import { registerElder } from '../support/register-elder';

jest.setTimeout(20_000);

describe('SOS escalation across several workers on a fake engine', () => {
  let sos: SosOnFake;

  beforeAll(async () => {
    sos = await SosOnFake.start();
  });

  afterAll(async () => {
    await sos?.stop();
  });

  it('opens one incident and rings each contact once when two workers hear the SOS call', async () => {
    const first = await sos.startWorker('first');
    const second = await sos.startWorker('second');
    const elder = await registerElder(sos.db, ['family1', 'family2'], {
      escalation: { rounds: 1, ringTimeoutSeconds: 1 },
    });
    const { family1, family2 } = elder.contacts;
    sos.fake.phone(family1.phone, 'busy').phone(family2.phone, HOLDS_ON);

    sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    const timeline = await sos.untilTimeline(
      incident.id,
      (t) => t.filter((e) => e.kind === 'bridge_entered').length === 2,
      'the bridge',
    );

    expect(await sos.db.sosIncident.count({ where: { elderId: elder.elderId } })).toBe(1);
    expect(timeline.filter((e) => e.kind === 'call_placed')).toHaveLength(2);
    expect(sos.callsTo(family1.phone)).toHaveLength(1);
    expect(sos.callsTo(family2.phone)).toHaveLength(1);
    await second.stop();
    await first.stop();
  });

  it('carries the escalation on in another worker when the one that placed the call dies', async () => {
    const doomed = await sos.startWorker('doomed');
    // The call check comes three seconds after the call: the doomed worker is gone by then.
    const elder = await registerElder(sos.db, ['family1', 'gridWorker'], {
      escalation: { rounds: 1, ringTimeoutSeconds: 3 },
    });
    const { family1, gridWorker } = elder.contacts;
    sos.fake.phone(family1.phone, 'no-answer').phone(gridWorker.phone, HOLDS_ON);
    // The doomed worker hears the first contact's call ring, and nobody hears anything of it after that.
    const silence = sos.fake.onCallEvent((event) => {
      if (event.type === 'ringing' && sos.callsTo(family1.phone)[0]?.callId === event.callId) {
        sos.fake.goSilent(event.callId);
      }
    });

    const elderCall = sos.fake.callIn('sos', elder.cardSim);
    const incident = await sos.incident(elder.elderId);
    await sos.untilTimeline(incident.id, has('ringing', family1.personId), 'the first contact to ring');
    const survivor = await sos.startWorker('survivor');
    await doomed.stop();
    expect(await sos.timeline(incident.id)).not.toContainEqual(
      expect.objectContaining({ kind: 'call_lost' }),
    );

    const timeline = await sos.untilTimeline(
      incident.id,
      has('bridge_entered'),
      'the survivor to connect someone',
    );
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'call_lost',
          contactId: family1.personId,
          detail: 'nobody saw this call end; treated as timeout',
        }),
        expect.objectContaining({ kind: 'timeout', contactId: family1.personId }),
        expect.objectContaining({ kind: 'accepted', contactId: gridWorker.personId }),
      ]),
    );
    expect((await sos.db.sosIncident.findUnique({ where: { id: incident.id } }))?.status).toBe('connected');
    // The grid worker hears the elder: both calls in one bridge.
    const gridCall = sos.callsTo(gridWorker.phone)[0]?.callId;
    const bridgeOf = (callId: string | undefined) =>
      sos.events.find((e) => e.type === 'bridged' && e.callId === callId);
    expect(bridgeOf(elderCall.callId)).toEqual(
      expect.objectContaining({ bridgeId: (bridgeOf(gridCall) as { bridgeId: string }).bridgeId }),
    );
    expect(sos.callsTo(family1.phone)).toHaveLength(1);
    expect(sos.callsTo(gridWorker.phone)).toHaveLength(1);
    silence();
    await survivor.stop();
  });
});
