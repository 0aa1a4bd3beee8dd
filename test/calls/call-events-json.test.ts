import { callEventsJson, storedCallEvent } from '../../src/calls/call-events-json';
import { CallRecorder } from '../../src/calls/call-recorder';
import { callView } from '../../src/calls/call-view';
import { createLogger } from '../../src/logging';
import { speak } from '../../src/telephony/prompt';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { storedFixture } from '../fixtures/json/read-fixture';

/** A notify call's log as the AMI-shaped deploy wrote it: answered by a person who pressed 1, then bridged. */
const eventsV1 = storedFixture('call-events.v1.json');

describe('Call.events written by the previous deploy', () => {
  it('are upgraded to the port events: digit, tone and ended, other dialplan events kept as notes', () => {
    expect(callEventsJson.read('c-old-1', eventsV1)).toEqual([
      { type: 'ringing', at: '2026-03-02T01:00:02.120Z' },
      { type: 'answered', at: '2026-03-02T01:00:06.480Z' },
      {
        type: 'note',
        at: '2026-03-02T01:00:08.901Z',
        name: 'LinliAmd',
        fields: { callid: 'c-old-1', status: 'HUMAN', cause: 'HUMAN-500-500' },
      },
      { type: 'tone', at: '2026-03-02T01:00:19.300Z', digit: '1' },
      { type: 'digit', at: '2026-03-02T01:00:19.350Z', digit: '1', play: 2, recovered: false },
      { type: 'bridged', at: '2026-03-02T01:00:20.002Z', bridgeId: 'b-41' },
      { type: 'ended', at: '2026-03-02T01:02:41.770Z', cause: 'answered', q850: 16, answered: true },
    ]);
  });

  it('classify an unanswered hangup by its Q.850 cause, and one linli lost sight of as unknown', () => {
    const hangup = (cause: number, unknown: boolean) => [
      { type: 'hangup', at: '2026-03-02T01:00:30.000Z', cause, answered: false, unknown },
    ];
    expect(callEventsJson.read('c', hangup(17, false))[0]).toMatchObject({ cause: 'busy', q850: 17 });
    expect(callEventsJson.read('c', hangup(0, true))[0]).toMatchObject({ cause: 'unknown', q850: 0 });
  });

  it('refuse a corrupt entry with an error naming the call and the entry', () => {
    const corrupt = [...(eventsV1 as object[]), { type: 'hangup', at: 'yesterday', cause: 16 }];
    expect(() => callEventsJson.read('c-old-1', corrupt)).toThrow(
      /^Call\.events of row c-old-1 cannot be read: entry 7: as version 1: at: /,
    );
    expect(() => callEventsJson.read('c-old-1', { type: 'ringing' })).toThrow(/expected an array/);
  });

  it('write a port event with its version, without the call id and server', () => {
    const event = storedCallEvent({
      type: 'ended',
      callId: 'c-2',
      server: 'pbx-1',
      at: new Date('2026-03-02T01:00:30.000Z'),
      cause: 'no-answer',
      q850: 19,
      answered: false,
    });
    expect(callEventsJson.write([event])).toEqual([
      {
        type: 'ended',
        at: '2026-03-02T01:00:30.000Z',
        cause: 'no-answer',
        q850: 19,
        answered: false,
        version: 2,
      },
    ]);
  });
});

describe('a call whose log the previous deploy began', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('callevents');
  });
  afterAll(() => database.drop());

  it('is shown with the old entries upgraded and the new deploy’s entries after them', async () => {
    const { db } = database;
    await db.$executeRaw`
      INSERT INTO "Call" ("id", "direction", "server", "destination", "purpose", "events")
      VALUES ('c-old-1', 'OUTBOUND', 'fake', '+8613800138001', 'notify', ${JSON.stringify(eventsV1)}::jsonb)`;
    const calls = new FakeCallControl().phone('+8613800138001', 'busy');
    const recorder = new CallRecorder(db, calls, createLogger('silent'));
    recorder.own('c-old-1');
    await calls.notify({
      callId: 'c-old-1',
      trunk: 'pstn',
      destination: '+8613800138001',
      ringTimeoutMs: 1000,
      prompt: [speak('测试')],
      choices: [],
      maxPlays: 1,
      digitTimeoutMs: 1000,
      machineDetection: 'off',
    });
    await waitFor(
      async () => (await db.call.findUniqueOrThrow({ where: { id: 'c-old-1' } })).endedAt !== null,
    );
    recorder.close();

    const row = await db.call.findUniqueOrThrow({ where: { id: 'c-old-1' } });
    expect((row.events as { version?: number }[]).at(-1)?.version).toBe(2);
    const events = callView(row).events;
    expect(events.slice(0, 7).map((e) => e.type)).toEqual([
      'ringing',
      'answered',
      'note',
      'tone',
      'digit',
      'bridged',
      'ended',
    ]);
    expect(events.slice(7)).toEqual([
      expect.objectContaining({ type: 'ringing' }),
      expect.objectContaining({ type: 'ended', cause: 'busy', q850: 17, answered: false }),
    ]);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}
