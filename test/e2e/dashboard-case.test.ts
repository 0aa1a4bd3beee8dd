import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { callsCapability } from '../../src/calls/calls-capability';
import { createCasesCapability } from '../../src/cases/cases-capability';
import type { Population } from '../../simulators/population/population-types';
import {
  DESKTOP,
  launchBrowser,
  listen,
  openDashboard,
  PHONE,
  requireDashboardBuild,
  scopedToken,
  screenshot,
  seedMappedVillage,
} from '../support/dashboard';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';

jest.setTimeout(60_000);

/** Two seconds of a 440 Hz tone as 8 kHz 16-bit PCM WAV, as the engine records a hotline message. */
function toneWav(seconds: number): Buffer {
  const samples = 8000 * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2);
  return wav;
}

describe('the dashboard: a cadre moves a case through its states', () => {
  let t: TestPlatform;
  let population: Population;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    requireDashboardBuild();
    t = await startTestPlatform([callsCapability, createCasesCapability()]);
    population = await seedMappedVillage(t.database.db, 18);
    baseUrl = await listen(t);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the queue with its countdown, then accepts, resolves and closes the case', async () => {
    const village = population.villages[0];
    const area = await t.database.db.area.findUniqueOrThrow({ where: { code: village?.code ?? '' } });
    const opened = await callApi<{ id: string; number: string }>(t, 'POST', '/api/v1/cases', {
      category: 'complaint',
      description: '村口路灯坏了三天，晚上看不见路。',
      areaId: area.id,
      address: '村口',
    });
    expect(opened.status).toBe(201);
    // The caller's message, as the hotline leaves it: a WAV in the media folder named on the case.
    const recordings = path.join(t.platform.env.MEDIA_DIR, 'recordings');
    mkdirSync(recordings, { recursive: true });
    writeFileSync(path.join(recordings, 'dashboard-case.wav'), toneWav(2));
    await t.database.db.governanceCase.update({
      where: { id: opened.body.id },
      data: { recordingPath: 'recordings/dashboard-case.wav', recordingSeconds: 2 },
    });
    const token = await scopedToken(t.database.db, 'CADRE', village?.code ?? '', '溪头村村委');
    await openDashboard(page, baseUrl, token, '/app/cases');
    const row = page.getByTestId('case-row').filter({ hasText: opened.body.number });
    await row.getByTestId('countdown').waitFor();
    await screenshot(page, 'cases-desktop');

    await row.getByRole('link', { name: opened.body.number }).click();
    const state = page.getByTestId('case-state');
    await state.filter({ hasText: '已接收' }).waitFor();
    // The player has the recording: the browser read its two seconds (fetched with the token).
    const player = await page.getByTestId('recording-player').elementHandle();
    await page.waitForFunction(
      (audio) => Math.round((audio as unknown as { duration: number }).duration) === 2,
      player,
    );
    for (const [to, label] of [
      ['accepted', '已受理'],
      ['resolved', '已办理'],
      ['closed', '已办结'],
    ] as const) {
      if (to === 'resolved') await page.getByLabel('说明（可不填）').fill('已联系电工，路灯修好');
      await page.getByRole('button', { name: `改为“${label}”` }).click();
      await state.filter({ hasText: label }).waitFor();
      if (to === 'resolved') await screenshot(page, 'case-desktop');
    }
    await page.setViewportSize(PHONE);
    await screenshot(page, 'case-phone');
    await page.setViewportSize(DESKTOP);
    // The English switch, and back.
    await page.getByRole('button', { name: /^English/ }).click();
    await page.getByTestId('case-state').filter({ hasText: 'closed' }).waitFor();
    await page.getByRole('link', { name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: /^中文/ }).click();
    await page.getByTestId('case-state').filter({ hasText: '已办结' }).waitFor();

    // The week's report counts the case, opened and closed; printed for the town meeting.
    await page.getByRole('link', { name: '工单周报' }).click();
    await page.getByTestId('report-headline').filter({ hasText: '新增工单 1 件 · 办结 1 件' }).waitFor();
    await screenshot(page, 'weekly-report-desktop');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'weekly-report-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(PHONE);
    await screenshot(page, 'weekly-report-phone');
    await page.setViewportSize(DESKTOP);

    const stored = await callApi<{ state: string; timeline: { note: string }[] }>(
      t,
      'GET',
      `/api/v1/cases/${opened.body.id}`,
    );
    expect(stored.body.state).toBe('closed');
    expect(stored.body.timeline.map((s) => s.note)).toContain('已联系电工，路灯修好');
  });
});
