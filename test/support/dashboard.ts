import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApiToken } from '../../src/api/auth/tokens';
import type { Db } from '../../src/db/client';
import type { Role } from '../../src/generated/prisma/client';
import { seedVillage } from '../../simulators/demo/seed-village';
import { generatePopulation } from '../../simulators/population/town-generator';
import type { Population } from '../../simulators/population/population-types';
import type { TestPlatform } from './platform';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('docs/screenshots');
export const DESKTOP = { width: 1280, height: 860 };
/** A grid worker's phone. */
export const PHONE = { width: 360, height: 780 };

/** The dashboard tests drive the build `npm run build:web` makes (scripts/test.sh builds it first). */
export function requireDashboardBuild(): void {
  if (!existsSync(path.resolve('dist/web/index.html'))) {
    throw new Error(
      'the dashboard is not built: run `npm run build:web` (scripts/test.sh does) before these tests',
    );
  }
}

/** Debian's Chromium (the `chromium` package; scripts/system-deps.sh installs it), headless, on a fresh profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'linli-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The test platform's API on a real port of 127.0.0.1, for the browser; its base URL. */
export async function listen(t: TestPlatform): Promise<string> {
  await t.api.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(t.api.server.address() as AddressInfo).port}`;
}

/** Saved for the README (docs/screenshots/<name>.png), the whole page. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A generated village with coordinates (the demo's generator), imported as a cadre would. */
export async function seedMappedVillage(db: Db, households: number): Promise<Population> {
  const population = generatePopulation({
    seed: 'demo',
    households,
    villages: 1,
    gridsPerVillage: { min: 3, max: 3 },
  });
  const report = await seedVillage(db, population);
  if (!report.imported) throw new Error(`the village was not imported: ${JSON.stringify(report.errors)}`);
  return population;
}

/** A token for `role` scoped to the area with this code, as an administrator would issue it. */
export async function scopedToken(db: Db, role: Role, areaCode: string, name: string): Promise<string> {
  const area = await db.area.findUniqueOrThrow({ where: { code: areaCode } });
  return (await createApiToken(db, { name, role, areaId: area.id })).token;
}

/** Opens the dashboard signed in with `token`, the way the demo's printed link does. */
export async function openDashboard(page: Page, baseUrl: string, token: string, at = '/app/'): Promise<void> {
  await page.goto(`${baseUrl}${at}#token=${encodeURIComponent(token)}`);
}
