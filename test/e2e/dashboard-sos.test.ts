import type { Page } from 'playwright-core';
import { placeInboundCall, type InboundCallResult } from '../../simulators/callers/inbound-calls';
import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { sosElder } from '../../simulators/demo/sos-scene';
import type { Elder, Population } from '../../simulators/population/population-types';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { callsCapability } from '../../src/calls/calls-capability';
import { createCasesCapability } from '../../src/cases/cases-capability';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { createSosCapability } from '../../src/sos/sos-capability';
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

jest.setTimeout(90_000);

const digits = (e164: string) => e164.replace(/^\+/, '');
const IMEI = '863737078077001';

describe('the dashboard: an SOS appears live, is accepted by a family member and resolved in the browser', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  let population: Population;
  let elder: Elder;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;
  let page: Page;
  let gatewayPort: number;
  const sos = createSosCapability({ trunk: 'pstn', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    requireDashboardBuild();
    // Campaigns too, as linli runs: the overview shows today's campaigns and cases beside the incidents.
    t = await startTestPlatform([callsCapability, sos, campaignsCapability, createCasesCapability()]);
    gatewayPort = (await sos.runtime(t.platform)).gateway?.address.port ?? 0;
    population = await seedMappedVillage(t.database.db, 18);
    const found = sosElder(population);
    if (!found) throw new Error('the generated village has no elder with two family contacts');
    elder = found;
    const [first, second] = elder.contacts;
    // The first family member is out in the fields; the second presses 1 and stays with the elder.
    pstn = await startPstnSimulator({
      numberPlan: [
        { number: digits(first?.phone ?? ''), behaviour: { kind: 'no-answer' } },
        {
          number: digits(second?.phone ?? ''),
          behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 30 },
        },
      ],
      timeScale: 0.3,
    });
    baseUrl = await listen(t);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await pstn?.stop();
  });

  /** The elder, the first two family contacts and the card, registered through the API. */
  async function registerElder(): Promise<{
    elderId: string;
    home: { latitude: number; longitude: number };
  }> {
    const households = await callApi<{
      items: {
        externalRef: string;
        grid: { id: string };
        latitude: number;
        longitude: number;
        members: { id: string; name: string }[];
      }[];
    }>(t, 'GET', '/api/v1/households?limit=500');
    const home = households.body.items.find((h) => h.externalRef === elder.householdRef);
    const person = home?.members.find((m) => m.name === elder.name);
    if (!home || !person) throw new Error(`${elder.name} is not in the directory`);
    const family = [];
    for (const contact of elder.contacts.slice(0, 2)) {
      const created = await callApi<{ id: string }>(t, 'POST', '/api/v1/people', {
        name: contact.name,
        roles: ['FAMILY_CONTACT'],
        areaId: home.grid.id,
        phones: [contact.phone],
      });
      family.push({ personId: created.body.id, role: 'family' });
    }
    const registered = await callApi<{ id: string }>(t, 'POST', '/api/v1/elders', {
      personId: person.id,
      notes: '高血压，钥匙在邻居家',
      settings: { escalation: { mode: 'sequential', rounds: 1, ringTimeoutSeconds: 5 } },
      contacts: family,
    });
    expect(registered.status).toBe(201);
    const card = await callApi(t, 'POST', `/api/v1/elders/${registered.body.id}/cards`, {
      imei: IMEI,
      simNumber: elder.cardPhone,
      model: 'LK-X3',
    });
    expect(card.status).toBe(201);
    return { elderId: registered.body.id, home };
  }

  it('shows the incident without a reload, its acceptance, the elder on the map; a cadre resolves it', async () => {
    const { home } = await registerElder();
    const village = population.villages[0];
    const token = await scopedToken(t.database.db, 'CADRE', village?.code ?? '', '溪头村村委');
    await openDashboard(page, baseUrl, token, '/app/sos');
    await page.getByText('目前没有未结束的求助。').waitFor();
    await page.locator('[data-stream=live]').waitFor();

    // The card reports where the elder is, about 40 m from home, then the elder presses SOS.
    const card = new SimulatedCard({
      host: '127.0.0.1',
      port: gatewayPort,
      imei: IMEI,
      path: [{ lat: home.latitude + 0.0003, lon: home.longitude + 0.0003 }],
    });
    await card.connect();
    card.sendPosition();
    await card.heartbeatAndWait();
    const call: Promise<InboundCallResult> = placeInboundCall({
      from: digits(elder.cardPhone),
      to: '96500',
      holdSeconds: 30,
    });
    await card.pressSos();

    const incident = page.getByTestId('incident').first();
    await incident.getByText(elder.name).waitFor({ timeout: 15_000 });
    const detail = page.getByTestId('incident-detail');
    await detail.getByText('高血压，钥匙在邻居家').waitFor();
    // The second family member pressed 1 and is talking to the elder: shown as it happens.
    await detail.locator('[data-kind=accepted]').waitFor({ timeout: 30_000 });
    await detail
      .getByTestId('incident-status')
      .filter({ hasText: '已接通老人' })
      .waitFor({ timeout: 15_000 });
    await detail.getByTestId('map-marker').waitFor();
    // Where the card last reported, drawn with the circle of its accuracy.
    expect(await detail.locator('.map-accuracy').count()).toBe(1);
    await screenshot(page, 'sos-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'sos-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('link', { name: '一张图' }).click();
    await page.getByTestId('map-marker').waitFor();
    await screenshot(page, 'overview-sos-desktop');

    await page.getByRole('link', { name: '紧急求助' }).click();
    await page.getByLabel('处理说明（可不填）').fill('网格员已到场');
    await page.getByRole('button', { name: '已到场，结束求助' }).click();
    await page.getByText('目前没有未结束的求助。').waitFor({ timeout: 10_000 });
    const stored = await callApi<{ items: { status: string }[] }>(
      t,
      'GET',
      '/api/v1/sos/incidents?status=all',
    );
    expect(stored.body.items.map((i) => i.status)).toEqual(['resolved']);

    await page.getByRole('link', { name: '老人与爱心卡' }).click();
    await page.getByRole('rowheader', { name: new RegExp(elder.name) }).waitFor();
    await screenshot(page, 'elders-desktop');

    const elderCall = (await t.database.db.sosIncident.findFirstOrThrow()).elderCallId;
    if (elderCall) await t.platform.calls.hangup(elderCall).catch(() => undefined);
    await call;
    await card.close();
  });
});
