import { openCase, type OpenCaseDeps } from '../../src/cases/open-case';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';

// A fresh database per file is migrated first; on a loaded machine that takes seconds.
jest.setTimeout(30_000);

// 2026-12-03 10:00 Shanghai.
const T0 = Date.parse('2026-12-03T02:00:00Z');

describe('openCase', () => {
  let database: TestDatabase;
  let areas: SeededAreas;
  let clock = T0;
  let deps: OpenCaseDeps;

  beforeAll(async () => {
    database = await createTestDatabase('cases_open');
    areas = await seedAreas(database.db);
    deps = { db: database.db, now: () => clock, mergeWindowMs: 30 * 60_000 };
  });
  afterAll(() => database.drop());

  it('gives a household caller a numbered case in their grid, with the recording and no transcript yet', async () => {
    const household = await database.db.household.create({
      data: { externalRef: '东巷12号', gridId: areas.east1.id, address: '东村东巷12号' },
    });
    const opened = await openCase(deps, {
      channel: 'phone',
      category: 'complaint',
      urgent: false,
      householdId: household.id,
      callerNumber: '+8613800000001',
      callId: 'call-1',
      recording: { path: '/var/spool/linli/call-1.wav', seconds: 42.4 },
      transcript: { status: 'pending' },
    });
    expect(opened.number).toMatch(/^20261203\d{4}$/);
    const row = await database.db.governanceCase.findUniqueOrThrow({
      where: { id: opened.id },
      include: { events: true },
    });
    expect(row).toMatchObject({
      state: 'received',
      villageId: areas.east.id,
      gridId: areas.east1.id,
      address: '东村东巷12号',
      recordingPath: '/var/spool/linli/call-1.wav',
      recordingSeconds: 42,
      transcriptStatus: 'pending',
    });
    expect(row.events).toHaveLength(1);
    expect(row.events[0]).toMatchObject({ seq: 1, type: 'opened', channel: 'phone-key' });
  });

  it('hands out unique numbers in order when many cases open at once', async () => {
    const opened = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        openCase(deps, { channel: 'api', category: 'suggestion', urgent: false, description: `建议 ${i}` }),
      ),
    );
    const numbers = opened.map((o) => o.number);
    expect(new Set(numbers).size).toBe(12);
    numbers.forEach((n) => expect(n).toMatch(/^\d{12}$/));
  });

  it('joins a second call from the same number in the same category to the open case', async () => {
    const first = await openCase(deps, {
      channel: 'phone',
      category: 'consultation',
      urgent: false,
      callerNumber: '+8613800000002',
      callId: 'call-a',
    });
    clock = T0 + 10 * 60_000;
    const [again, concurrent] = await Promise.all([
      openCase(deps, {
        channel: 'phone',
        category: 'consultation',
        urgent: false,
        callerNumber: '+8613800000002',
        callId: 'call-b',
      }),
      openCase(deps, {
        channel: 'phone',
        category: 'consultation',
        urgent: false,
        callerNumber: '+8613800000002',
        callId: 'call-c',
      }),
    ]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    const row = await database.db.governanceCase.findUniqueOrThrow({
      where: { id: first.id },
      include: { events: { orderBy: { seq: 'asc' } } },
    });
    expect(row.duplicates).toBe(2);
    expect(row.events.map((e) => e.type)).toEqual(['opened', 'merged', 'merged']);

    const other = await openCase(deps, {
      channel: 'phone',
      category: 'complaint',
      urgent: false,
      callerNumber: '+8613800000002',
    });
    expect(other.id).not.toBe(first.id);
    clock = T0 + 45 * 60_000;
    const later = await openCase(deps, {
      channel: 'phone',
      category: 'consultation',
      urgent: false,
      callerNumber: '+8613800000002',
    });
    expect(later.id).not.toBe(first.id);
    clock = T0;
  });

  it('sends a caller with an unknown village to the town dispatcher instead of failing', async () => {
    const opened = await openCase(deps, {
      channel: 'sos-unknown',
      category: 'urgent',
      urgent: true,
      areaId: '00000000-0000-0000-0000-000000000000',
      callerNumber: '+8613900000009',
    });
    const row = await database.db.governanceCase.findUniqueOrThrow({
      where: { id: opened.id },
      include: { events: true },
    });
    expect(row).toMatchObject({ villageId: null, gridId: null, urgent: true, transcriptStatus: 'none' });
    expect(row.events[0]?.note).toMatch(/dispatcher/);
  });

  it('puts a case for a village code into that village with no grid yet', async () => {
    const opened = await openCase(deps, {
      channel: 'phone',
      category: 'business',
      urgent: false,
      areaId: areas.west.id,
    });
    const row = await database.db.governanceCase.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ villageId: areas.west.id, gridId: null });
  });
});
