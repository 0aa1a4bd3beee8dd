import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client';
import { unauthorized } from '../errors';
import type { Principal } from './principal';
import { findActiveToken, hashToken, isExpired, touchApiToken, type ApiTokenView } from './tokens';
import type { VerifiedTokenCache } from './verified-token-cache';

export interface AuthenticatorOptions {
  db: Db;
  /** LINLI_ADMIN_TOKEN: full access, for bootstrapping before any token exists. */
  adminToken?: string;
  /** Tokens found active a moment ago, trusted without asking the database again. */
  verifiedTokens: VerifiedTokenCache;
}

/** The caller a request's `Authorization: Bearer <token>` names; anything else throws a 401. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerAuthenticator({ db, adminToken, verifiedTokens }: AuthenticatorOptions): Authenticator {
  /** The active token with this hash, from the cache or else the database (which notes it used). */
  const activeToken = async (token: string, hash: string): Promise<ApiTokenView | null> => {
    const cached = verifiedTokens.get(hash);
    if (cached) return cached;
    const stored = await findActiveToken(db, token);
    if (!stored || isExpired(stored)) return stored;
    await touchApiToken(db, stored);
    verifiedTokens.remember(hash, stored);
    return stored;
  };

  const adminHash = adminToken ? Buffer.from(hashToken(adminToken), 'hex') : null;
  return async (request) => {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('send an API token: Authorization: Bearer <token>');
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthorized('the Authorization header must read "Bearer <token>"');
    const hash = hashToken(token);
    // Compared in constant time so response timing does not reveal the admin token byte by byte.
    if (adminHash && timingSafeEqual(Buffer.from(hash, 'hex'), adminHash)) {
      return { tokenId: null, name: 'bootstrap admin', role: 'ADMIN', areaId: null, personId: null };
    }
    const stored = await activeToken(token, hash);
    if (!stored) throw unauthorized('unknown or revoked API token');
    if (isExpired(stored)) throw unauthorized('this API token has expired; ask for a new one');
    return {
      tokenId: stored.id,
      name: stored.name,
      role: stored.role,
      areaId: stored.areaId,
      personId: stored.personId,
    };
  };
}

/**
 * Authenticates every route of the context it is registered in (it is not encapsulated) from
 * `Authorization: Bearer <token>`, and sets `request.principal`. Anything else is a 401.
 */
export const authentication = fp<{ authenticate: Authenticator }>(
  async (app, { authenticate }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      request.principal = await authenticate(request);
    });
  },
  { name: 'linli-authentication' },
);
