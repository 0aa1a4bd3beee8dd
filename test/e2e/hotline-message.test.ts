import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { placeInboundCall } from '../../simulators/callers/inbound-calls';
import { speechAlaw } from '../../simulators/media/speech-audio';
import { IvrText } from '../../src/hotline/domain/ivr-prompts';
import { createHotlineCapability } from '../../src/hotline/hotline-capability';
import type { CallEvent, InboundCall } from '../../src/telephony/call-events';
import { speak } from '../../src/telephony/prompt';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

const RESIDENT = '+8613912340001';
const MESSAGE = '我家楼下的路灯坏了，晚上很黑，请尽快派人来修。';

describe('a resident phones the hotline, presses 1 and leaves a message', () => {
  let t: TestPlatform;
  const inbound: InboundCall[] = [];
  const events: CallEvent[] = [];
  let gridId: string;
  let householdId: string;

  beforeAll(async () => {
    t = await startTestPlatform([createHotlineCapability()]);
    t.platform.calls.onInboundCall((c) => inbound.push(c));
    t.platform.calls.onCallEvent((e) => events.push(e));
    const db = t.platform.database.db;
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'hl-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'hl-east', parentId: town.id },
    });
    const grid = await db.area.create({
      data: { level: 'GRID', name: '一组', code: 'hl-east-1', parentId: village.id },
    });
    gridId = grid.id;
    const home = await db.household.create({
      data: { externalRef: '东巷3号', gridId, address: '东巷3号', phones: { create: { e164: RESIDENT } } },
    });
    householdId = home.id;
    // Rendered ahead, as a running installation has them in its cache.
    await Promise.all([IvrText.menu, IvrText.record].map((text) => t.platform.prompts.ready(speak(text))));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('opens a complaint case in their grid with the recorded message, and reads the case number back', async () => {
    const recordPromptMs = await t.platform.prompts.durationMs([speak(IvrText.record)]);
    const message = await speechAlaw(MESSAGE);
    const call = placeInboundCall({
      from: RESIDENT.slice(1),
      to: '12345',
      holdSeconds: 40,
      media: [
        { kind: 'silence', ms: 2500 },
        { kind: 'dtmf', digit: '1', toneMs: 120 },
        // The prompt, the beep, then the resident speaks and presses #.
        { kind: 'silence', ms: recordPromptMs + 1500 },
        { kind: 'audio', alaw: message },
        { kind: 'silence', ms: 500 },
        { kind: 'dtmf', digit: '#', toneMs: 120 },
      ],
    });

    const db = t.platform.database.db;
    const opened = await waitFor(
      async () => (await db.governanceCase.findFirst({ where: { callerNumber: RESIDENT } })) ?? undefined,
      30_000,
      'the case',
    );
    expect(opened).toMatchObject({
      channel: 'phone',
      category: 'complaint',
      urgent: false,
      state: 'received',
      gridId,
      householdId,
      transcriptStatus: 'pending',
      recordingPath: expect.stringMatching(/^recordings\/hotline-message-.+\.wav$/),
    });
    // The message itself: the spoken seconds, not the whole call.
    const file = path.join(t.platform.env.MEDIA_DIR, opened.recordingPath ?? '');
    expect(existsSync(file)).toBe(true);
    expect(opened.recordingSeconds).toBeGreaterThanOrEqual(2);
    expect(opened.recordingSeconds).toBeLessThan(10);
    expect(statSync(file).size).toBeGreaterThan(16_000);

    const result = await call;
    // linli hung up after playing the case number to the end: the caller did not hang up first.
    expect(result).toMatchObject({ result: 'answered', endedBy: 'callee' });
    const callId = inbound.find((c) => c.service === 'hotline')?.callId;
    const mine = events.filter((e) => e.callId === callId).map((e) => e.type);
    expect(mine).toEqual(expect.arrayContaining(['gathered', 'recorded', 'played', 'ended']));
    expect(events.find((e) => e.callId === callId && e.type === 'gathered')).toMatchObject({ digits: '1' });
    expect(events.find((e) => e.callId === callId && e.type === 'recorded')).toMatchObject({
      endedBy: 'key',
    });
  });
});
