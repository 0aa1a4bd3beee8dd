import { UnreadableJsonError } from '../../../src/db/versioned-json';
import { reduceEscalation } from '../../../src/sos/domain';
import { incidentStateJson, incidentTimelineJson } from '../../../src/sos/incidents/incident-json';
import { loadIncident, saveIncident } from '../../../src/sos/incidents/incident-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { storedFixture } from '../../fixtures/json/read-fixture';

/** An incident mid-escalation as the previous deploy stored it: the son answered, the daughter was busy. */
const stateV1 = storedFixture('sos-incident-state.v1.json');
const timelineV1 = storedFixture('sos-incident-timeline.v1.json');

describe('SosIncident.state and timeline written by the previous deploy', () => {
  it('are read with the escalation where it stood', () => {
    const state = incidentStateJson.read('inc-7f3a', stateV1);
    expect(state.escalation.status).toBe('escalating');
    expect(state.escalation.calls).toEqual([
      { callId: 'inc-7f3a-1', contactId: 'p-son', number: '+8613800138001', phase: 'answered' },
    ]);
    expect(state.placedAt).toEqual({ 'inc-7f3a-1': 1795212845000, 'inc-7f3a-2': 1795212845000 });
    expect(state.locationWords).toBe('东村3组 王家院子');
    // Stored before servers were kept: contacts go out on the SOS trunk, as they did.
    expect(state.elderServer).toBeNull();
    const timeline = incidentTimelineJson.read('inc-7f3a', timelineV1);
    expect(timeline[0]).toEqual({
      at: '2026-11-20T22:14:05.000Z',
      kind: 'sos_call',
      contactId: null,
      callId: 'sos-elder-1',
      detail: 'SOS call from +8613700137000; at 东村3组 王家院子',
    });
    expect(timeline.map((e) => e.kind)).toContain('busy');
  });

  it('let the new deploy continue the incident: the son pressing 1 on the call in flight is bridged', () => {
    const state = incidentStateJson.read('inc-7f3a', stateV1);
    const step = reduceEscalation(
      state.escalation,
      { kind: 'pressed', callId: 'inc-7f3a-1', digit: '1' },
      1795212860000,
    );
    expect(step.state.status).toBe('connected');
    expect(step.actions).toContainEqual(expect.objectContaining({ kind: 'bridge', callId: 'inc-7f3a-1' }));
  });

  it('refuse a corrupt state with an error naming the incident and the field', () => {
    const corrupt = structuredClone(stateV1) as { escalation: { calls: { phase: string }[] } };
    (corrupt.escalation.calls[0] as { phase: string }).phase = 'on_hold';
    expect(() => incidentStateJson.read('inc-7f3a', corrupt)).toThrow(UnreadableJsonError);
    expect(() => incidentStateJson.read('inc-7f3a', corrupt)).toThrow(
      /^SosIncident\.state of row inc-7f3a cannot be read: as version 1: escalation\.calls\.0\.phase: /,
    );
  });
});

describe('the incident store with rows the previous deploy wrote', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('incjson');
    await database.db.elder.create({
      data: { id: 'elder-1', personId: 'person-1', householdId: 'h-1', gridId: 'g-1', villageId: 'v-1' },
    });
  });
  afterAll(() => database.drop());

  const insert = (id: string, state: unknown) =>
    database.db.$executeRaw`
      INSERT INTO "SosIncident" ("id", "elderId", "status", "trigger", "state", "timeline")
      VALUES (${id}, 'elder-1', 'escalating', 'sos_call', ${JSON.stringify(state)}::jsonb, ${JSON.stringify(timelineV1)}::jsonb)`;

  it('loads the incident, saves it with versioned state and timeline entries, and loads it again', async () => {
    await insert('inc-7f3a', stateV1);
    const record = await loadIncident(database.db, 'inc-7f3a');
    expect(record?.state.escalation.calls).toHaveLength(1);
    if (!record) return;
    record.state.lastTriggerAt += 1000;
    await saveIncident(database.db, record, [
      { at: '2026-11-20T22:14:20.000Z', kind: 'accepted', contactId: 'p-son', detail: 'pressed 1' },
    ]);
    const row = await database.db.sosIncident.findUniqueOrThrow({ where: { id: 'inc-7f3a' } });
    expect(row.state).toMatchObject({ version: 2, lastTriggerAt: 1795212846000, elderServer: null });
    const timeline = row.timeline as { version?: number; kind: string }[];
    expect(timeline.at(-1)).toEqual(expect.objectContaining({ version: 1, kind: 'accepted' }));
    expect(timeline[0]?.version).toBeUndefined();
    expect((await loadIncident(database.db, 'inc-7f3a'))?.state).toEqual(record.state);
  });

  it('refuses to load a corrupt incident, naming it', async () => {
    await insert('inc-bad', { version: 1, escalation: 'lost' });
    await expect(loadIncident(database.db, 'inc-bad')).rejects.toThrow(
      /^SosIncident\.state of row inc-bad cannot be read: as version 1: escalation: /,
    );
  });
});
