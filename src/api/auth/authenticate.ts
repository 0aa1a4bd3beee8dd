import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client';
import { unauthorized } from '../errors';
import type { Principal } from './principal';
import { findActiveToken, hashToken, touchApiToken } from './tokens';

export interface AuthenticationOptions {
  db: Db;
  /** LINLI_ADMIN_TOKEN: full access, for bootstrapping before any token exists. */
  adminToken?: string;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authenticates every route of the context it is registered in (it is not encapsulated) from
 * `Authorization: Bearer <token>`, and sets `request.principal`. Anything else is a 401.
 */
export const authentication = fp<AuthenticationOptions>(
  async (app, { db, adminToken }) => {
    const adminHash = adminToken ? Buffer.from(hashToken(adminToken), 'hex') : null;
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (!header) throw unauthorized('send an API token: Authorization: Bearer <token>');
      const token = BEARER.exec(header)?.[1];
      if (!token) throw unauthorized('the Authorization header must read "Bearer <token>"');
      const hash = hashToken(token);
      // Compared in constant time so response timing does not reveal the admin token byte by byte.
      if (adminHash && timingSafeEqual(Buffer.from(hash, 'hex'), adminHash)) {
        request.principal = {
          tokenId: null,
          name: 'bootstrap admin',
          role: 'ADMIN',
          areaId: null,
          personId: null,
        } satisfies Principal;
        return;
      }
      const stored = await findActiveToken(db, token);
      if (!stored) throw unauthorized('unknown or revoked API token');
      await touchApiToken(db, stored);
      request.principal = {
        tokenId: stored.id,
        name: stored.name,
        role: stored.role,
        areaId: stored.areaId,
        personId: stored.personId,
      };
    });
  },
  { name: 'linli-authentication' },
);
