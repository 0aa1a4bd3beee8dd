import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { CallRecorder } from '../../src/calls/call-recorder';
import { createLogger } from '../../src/logging';
import type { AsteriskCallControl } from '../../src/telephony/asterisk/asterisk-call-control';
import type { CallEvent } from '../../src/telephony/call-events';
import { asteriskDriver } from '../support/asterisk-driver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { localAsterisk, waitFor } from '../support/stack';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(60_000);

const PRESSES_LATE = '8617000000011';
const STAYS_ON = '8617000000012';

describe('losing the AMI connection during a call', () => {
  let pstn: PstnSimulator;
  let proxy: TcpProxy;
  let calls: AsteriskCallControl;
  let database: TestDatabase;
  let recorder: CallRecorder;
  const events: CallEvent[] = [];

  beforeAll(async () => {
    const { server, trunk } = localAsterisk();
    pstn = await startPstnSimulator({
      numberPlan: [
        { number: PRESSES_LATE, behaviour: { kind: 'press', digits: '1' } },
        { number: STAYS_ON, behaviour: { kind: 'press-and-hold', digits: '2', holdSeconds: 6 } },
      ],
      timing: { ringMs: 200, pressDelayMs: 2500 },
    });
    proxy = await startTcpProxy(server.port, server.host);
    calls = asteriskDriver({ ...server, port: proxy.port }, trunk, { minBackoffMs: 100, maxBackoffMs: 300 });
    await calls.start();
    calls.onCallEvent((e) => events.push(e));
    database = await createTestDatabase();
    recorder = new CallRecorder(database.db, calls, createLogger('silent'));
  });

  afterAll(async () => {
    recorder?.close();
    await calls?.close();
    await proxy?.close();
    await database?.drop();
    await pstn?.stop();
  });

  // A test that fails while the link is cut must not leave the next one without Asterisk.
  afterEach(async () => {
    proxy.heal();
    await waitFor(() => calls.status().every((s) => s.connected), 10_000, 'reconnect');
  });

  async function placeCall(destination: string): Promise<string> {
    const callId = `${destination}-${Date.now()}`;
    await database.db.call.create({
      data: {
        id: callId,
        direction: 'OUTBOUND',
        server: 'local',
        trunk: 'pstn',
        destination,
        purpose: 'test',
      },
    });
    recorder.own(callId);
    // No prompt: the key is read while the phone presses it, however late.
    await calls.notify({
      callId,
      trunk: 'pstn',
      destination,
      ringTimeoutMs: 10_000,
      prompt: [],
      choices: [
        { digit: '1', label: 'yes' },
        { digit: '2', label: 'no' },
      ],
      maxPlays: 1,
      digitTimeoutMs: 15_000,
      machineDetection: 'off',
    });
    return callId;
  }

  function endedRow(callId: string, timeoutMs: number) {
    return waitFor(
      async () => {
        const r = await database.db.call.findUnique({ where: { id: callId } });
        return r?.endedAt ? r : undefined;
      },
      timeoutMs,
      'call row to be completed',
    );
  }

  it('records the digit of a call that ended while disconnected, from what Asterisk kept', async () => {
    const callId = await placeCall(PRESSES_LATE);
    await waitFor(() => events.find((e) => e.callId === callId && e.type === 'answered'), 10_000, 'answer');
    proxy.cut();
    // The household presses 1 and the call ends while linli cannot hear Asterisk.
    await waitFor(
      () => pstn.calls().find((c) => c.number === PRESSES_LATE && c.endedAt),
      15_000,
      'call end at the phone',
    );
    expect(events.filter((e) => e.callId === callId && e.type === 'ended')).toHaveLength(0);
    proxy.heal();
    const row = await endedRow(callId, 15_000);
    expect(row).toMatchObject({ outcome: 'answered', digits: '1', hangupCause: 16 });
  });

  it('keeps following a call that is still up after the reconnect', async () => {
    const callId = await placeCall(STAYS_ON);
    await waitFor(() => events.find((e) => e.callId === callId && e.type === 'answered'), 10_000, 'answer');
    proxy.cut();
    await new Promise((r) => setTimeout(r, 500));
    proxy.heal();
    await waitFor(() => calls.status().every((s) => s.connected), 10_000, 'reconnect');
    const row = await endedRow(callId, 20_000);
    expect(row).toMatchObject({ outcome: 'answered', digits: '2' });
  });

  it('marks a call unknown, never silently lost, when Asterisk kept nothing of it', async () => {
    const earlier = pstn.calls().filter((c) => c.number === STAYS_ON).length;
    const callId = await placeCall(STAYS_ON);
    await waitFor(() => events.find((e) => e.callId === callId && e.type === 'answered'), 10_000, 'answer');
    proxy.cut();
    // Asterisk's record is gone too (say, Asterisk restarted), and the call ends meanwhile.
    await waitFor(
      () => pstn.calls().filter((c) => c.number === STAYS_ON)[earlier]?.endedAt,
      20_000,
      'call end at the phone',
    );
    const { execFileSync } = await import('node:child_process');
    execFileSync('bash', ['scripts/asterisk.sh', 'cli', `database del linli-outcome ${callId}`]);
    proxy.heal();
    const row = await endedRow(callId, 15_000);
    expect(row).toMatchObject({ outcome: 'unknown' });
  });
});
