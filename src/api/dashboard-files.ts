import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the dashboard is served: its own prefix beside /api, so the two never shadow each other. */
const DASHBOARD_PREFIX = '/app';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite names the files under assets/ by their content, so a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always asked again, so a new build shows at the next load. */
const REVALIDATE = 'no-cache';

// The API is on the same origin; nothing else is loaded from anywhere (the map is drawn, not fetched).
// A case's recording plays from a blob: the page fetched it with the token, which <audio> cannot send.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>linli</title>
<h1>控制台尚未构建 · The dashboard is not built</h1>
<p>在项目目录运行 <code>npm run build:web</code>，然后刷新本页。</p>
<p>Run <code>npm run build:web</code> in linli's folder, then reload this page.</p></html>`;

async function fileAt(root: string, relative: string): Promise<string | null> {
  const full = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (full !== root && !full.startsWith(`${root}${path.sep}`)) return null;
  const found = await stat(full).catch(() => null);
  return found?.isFile() ? full : null;
}

function send(reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  return reply
    .headers(SECURITY_HEADERS)
    .header('cache-control', cacheControl)
    .type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
    .send(createReadStream(file));
}

/**
 * The web dashboard's static build (npm run build:web) under /app/, no token needed: it holds no data,
 * and every request it makes to /api carries the token the user signs in with. Paths that name no file
 * get index.html, so a reload on /app/campaigns/… opens that page; without a build, /app/ says how to
 * make one.
 */
export function dashboardFiles(root: string) {
  const folder = path.resolve(root);
  return async (app: FastifyInstance): Promise<void> => {
    app.get(DASHBOARD_PREFIX, { schema: { hide: true } }, (_request, reply) =>
      reply.redirect(`${DASHBOARD_PREFIX}/`),
    );
    app.get<{ Params: { '*': string } }>(
      `${DASHBOARD_PREFIX}/*`,
      { schema: { hide: true } },
      async (request, reply) => {
        const asked = request.params['*'];
        const file = asked === '' ? null : await fileAt(folder, asked);
        if (file) return send(reply, file, asked.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
        // A missing asset is a 404, not the page: a stale page asking for old scripts must not get HTML.
        if (asked.startsWith('assets/')) return reply.code(404).send({ error: 'not_found', message: asked });
        const index = await fileAt(folder, 'index.html');
        if (index) return send(reply, index, REVALIDATE);
        return reply.code(503).headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(NOT_BUILT);
      },
    );
  };
}
