import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { findActiveToken } from '../../src/api/auth/tokens';
import type { Db } from '../../src/db/client';
import { runLinli } from './support/run-linli';
import { createTestDatabase, type TestDatabase } from '../support/database';

let testDb: TestDatabase;
let db: Db;
let dir: string;

const linli = (...args: string[]) => runLinli(testDb.url, ...args);

beforeAll(async () => {
  testDb = await createTestDatabase('cli');
  db = testDb.db;
  dir = await mkdtemp(path.join(os.tmpdir(), 'linli-cli-'));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await testDb?.drop();
});

describe('linli CLI', () => {
  it('builds the area tree with codes for parents', async () => {
    expect((await linli('area', 'create', '--level', 'town', '--name', '青山镇', '--code', 'qs')).code).toBe(
      0,
    );
    expect(
      (
        await linli(
          'area',
          'create',
          '--level',
          'village',
          '--name',
          '东村',
          '--code',
          'qs-east',
          '--parent',
          'qs',
        )
      ).code,
    ).toBe(0);
    const grid = await linli(
      'area',
      'create',
      '--level',
      'grid',
      '--name',
      '一组',
      '--code',
      'qs-east-1',
      '--parent',
      'qs-east',
    );
    expect(grid.stdout).toMatch(/^GRID 一组 \(qs-east-1\) created: /);
    expect(await db.area.count()).toBe(3);
    expect(await db.auditLog.count({ where: { action: 'area.create', actor: { startsWith: 'cli:' } } })).toBe(
      3,
    );
  }, 60_000);

  it('import households: all-or-nothing prints the row errors as a table, exits 1 and imports nothing', async () => {
    const file = path.join(dir, 'gbk.csv');
    const text =
      'village,grid,household_ref,address,latitude,longitude,phones,members,tags\r\n' +
      '东村,一组,东1,东巷1号,,,13800138000,张三:老人,独居\r\n' +
      '东村,一组,东2,东巷2号,,,12345,,\r\n';
    await writeFile(file, iconv.encode(text, 'gbk'));

    const strict = await linli('import', 'households', file);
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n').slice(0, 3)).toEqual([
      'row  field   value  reason',
      '---  ------  -----  ' + '-'.repeat(96),
      '3    phones  12345  not a valid Chinese number (mobile: 11 digits starting with 1; landline: area code + 7-8 digits)',
    ]);
    expect(strict.stderr).toMatch(/nothing was imported/);
    expect(await db.household.count()).toBe(0);

    const lenient = await linli('import', 'households', file, '--mode', 'valid-only', '--encoding', 'gbk');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/2 rows \(gbk\): 1 created, 0 updated, 0 unchanged, 1 rejected/);
    expect((await db.household.findFirstOrThrow({ include: { members: true } })).members[0]?.name).toBe(
      '张三',
    );
  }, 60_000);

  it('token create prints a working token once, scoped to the area given by code', async () => {
    const res = await linli('token', 'create', '--name', '东村书记', '--role', 'cadre', '--area', 'qs-east');
    expect(res.code).toBe(0);
    const token = res.stdout.trim();
    const stored = await findActiveToken(db, token);
    const village = await db.area.findUniqueOrThrow({ where: { code: 'qs-east' } });
    expect(stored).toMatchObject({ name: '东村书记', role: 'CADRE', areaId: village.id });
  }, 60_000);

  it('token create --expires stores the expiry and says it', async () => {
    const before = Date.now();
    const res = await linli('token', 'create', '--name', '临时', '--role', 'dispatcher', '--expires', '90d');
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);
    const stored = await findActiveToken(db, res.stdout.trim());
    const days = ((stored?.expiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);
  }, 60_000);

  it('answers wrong usage with the usage line and exit code 64', async () => {
    const res = await linli('token', 'create', '--name', 'x', '--role', 'mayor');
    expect(res.code).toBe(64);
    expect(res.stderr).toMatch(/--role must be one of resident, elder/);
    expect(res.stderr).toMatch(/usage: linli token create --name/);
    expect((await linli('frobnicate')).code).toBe(64);
  }, 60_000);
});
