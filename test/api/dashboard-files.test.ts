import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { dashboardFiles } from '../../src/api/dashboard-files';

async function serve(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(dashboardFiles(root));
  return app;
}

describe('the dashboard under /app/', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'linli-dashboard-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>一张图</title>');
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'not for the browser');
    app = await serve(root);
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page, asked again on every load, with a policy that loads nothing from elsewhere', async () => {
    const res = await app.inject({ method: 'GET', url: '/app/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.body).toContain('一张图');
  });

  it('lets browsers keep the content-named assets for good', async () => {
    const res = await app.inject({ method: 'GET', url: '/app/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a page address (a reload on /app/campaigns/…) with the page, a missing asset with 404', async () => {
    const page = await app.inject({ method: 'GET', url: '/app/campaigns/0b7d' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('一张图');
    const asset = await app.inject({ method: 'GET', url: '/app/assets/index-old.js' });
    expect(asset.statusCode).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const url of [
      '/app/../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body).not.toContain('not for the browser');
    }
  });

  it('sends /app to /app/', async () => {
    const res = await app.inject({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('says how to build the dashboard when there is no build', async () => {
    const empty = await serve(path.join(root, 'no-build-here'));
    try {
      const res = await empty.inject({ method: 'GET', url: '/app/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build:web');
    } finally {
      await empty.close();
    }
  });
});
