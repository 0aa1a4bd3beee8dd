/**
 * An elder's SOS call escalated and bridged on the fake Twilio (the cloud is not reachable here): the
 * card calls the account's SOS number, linli's webhooks hold the call, the SOS capability calls the
 * contacts through Twilio's REST API, and the one who presses 1 joins the elder in a conference.
 */
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../../src/app/start-linli';
import { incidentTimelineJson } from '../../../src/sos/incidents/incident-json';
import type { StoredTimelineEntry } from '../../../src/sos/incidents/incident-record';
import { createSosCapability } from '../../../src/sos/sos-capability';
import type { CallEvent } from '../../../src/telephony/call-events';
import type { TwilioCallControl } from '../../../src/telephony/twilio/twilio-call-control';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { dropRedisKeys } from '../../support/drop-redis-keys';
import { startFakePlatform } from '../../support/fake-platform';
import { TwilioOnFake } from '../../support/fake-twilio/twilio-on-fake';
import { waitFor } from '../../support/stack';
import { registerElder } from '../support/register-elder';
import { HOLDS_ON } from '../support/sos-on-fake';

jest.setTimeout(30_000);

const TRUNK = 'sos-tw';

describe('an elder presses SOS: the escalation on the fake Twilio', () => {
  let tw: TwilioOnFake;
  let driver: TwilioCallControl;
  let database: TestDatabase;
  let platform: Platform;
  let linli: RunningLinli;
  const events: CallEvent[] = [];
  const queuePrefix = `linli-twsos-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    tw = await TwilioOnFake.start({
      trunks: [{ name: TRUNK, server: 'twilio', channels: 30, cps: 10, reserved: 1 }],
      keyPrefix: queuePrefix,
    });
    driver = await tw.driver();
    driver.onCallEvent((e) => events.push(e));
    database = await createTestDatabase('twsos');
    platform = await startFakePlatform({
      calls: driver,
      databaseUrl: database.url,
      queuePrefix,
      trunks: `${TRUNK}@fake:30:10`,
      name: 'sos-on-fake-twilio',
    });
    const sos = createSosCapability({
      trunk: TRUNK,
      gatewayPort: 0,
      inactivityEveryMs: 0,
      callCheckAfterRingMs: 100,
    });
    linli = await startLinli(platform, [sos], { api: false, workers: true });
  }, 30_000);

  afterAll(async () => {
    await linli?.stop();
    await platform?.close();
    await tw?.close();
    await dropRedisKeys(queuePrefix);
    await database?.drop();
  });

  const timeline = async (incidentId: string): Promise<StoredTimelineEntry[]> => {
    const row = await database.db.sosIncident.findUniqueOrThrow({ where: { id: incidentId } });
    return incidentTimelineJson.read(incidentId, row.timeline);
  };
  const bridgesOf = (callId: string) =>
    events.flatMap((e) => (e.type === 'bridged' && e.callId === callId ? [e.bridgeId] : []));

  it('connects the contact who presses 1 to the elder in one conference, after the first did not answer', async () => {
    const elder = await registerElder(database.db, ['family1', 'family2', 'gridWorker'], {
      escalation: { rounds: 1, ringTimeoutSeconds: 1 },
    });
    const { family1, family2, gridWorker } = elder.contacts;
    tw.fake.phone(family1.phone, 'no-answer').phone(family2.phone, HOLDS_ON);

    const elderSid = await tw.fake.callIn(TRUNK, 'sos', `+86${elder.cardSim}`);
    const incident = await waitFor(
      () =>
        database.db.sosIncident.findFirst({ where: { elderId: elder.elderId } }).then((i) => i ?? undefined),
      10_000,
      'an SOS incident',
    );
    const entries = await waitFor(
      async () => {
        const t = await timeline(incident.id);
        return t.filter((e) => e.kind === 'bridge_entered').length === 2 ? t : undefined;
      },
      20_000,
      'the responder and the elder in one bridge',
    );

    const kinds = entries.map((e) => [e.kind, e.contactId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['call_placed', family1.personId],
        ['no_answer', family1.personId],
        ['call_placed', family2.personId],
        ['accepted', family2.personId],
        ['bridged', family2.personId],
      ]),
    );
    const row = await database.db.sosIncident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row.status).toBe('connected');
    // The elder's call and the responder's are in the same Twilio conference.
    const [elderBridge] = bridgesOf(row.elderCallId ?? '');
    expect(elderBridge).toMatch(/^bridge-/);
    // The one call that held after its 1: the second contact's.
    const responderCall = events.find((e) => e.type === 'holding');
    expect(responderCall && bridgesOf(responderCall.callId)).toEqual([elderBridge]);
    expect(tw.fake.callsTo(family1.phone)).toHaveLength(1);
    expect(tw.fake.callsTo(family2.phone)).toHaveLength(1);
    expect(tw.fake.callsTo(gridWorker.phone)).toHaveLength(0);
    // Both legs joined the conference through the bridge's signed webhook.
    const joins = tw.fake.webhooks.filter((w) => w.url.endsWith(`/twilio/bridges/${elderBridge}/events`));
    expect(joins.map((w) => [w.params.StatusCallbackEvent, w.status])).toEqual([
      ['participant-join', 200],
      ['participant-join', 200],
    ]);
    expect(joins.map((w) => w.params.CallSid)).toContain(elderSid);

    // The elder hangs up: the conference ends and so does the responder's call.
    tw.fake.farEndHangsUp(elderSid);
    await waitFor(
      () => events.some((e) => e.type === 'ended' && e.callId === responderCall?.callId),
      5000,
      'the responder’s call to end',
    );
  });
});
