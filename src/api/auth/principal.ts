import type { FastifyRequest } from 'fastify';
import type { AreaTreeCache } from '../../directory/area-tree-cache';
import type { Role } from '../../generated/prisma/client';
import type { VerifiedTokenCache } from './verified-token-cache';
import { unauthorized } from '../errors';

/** Who is calling: an API token, or the bootstrap admin token from LINLI_ADMIN_TOKEN. */
export interface Principal {
  /** null for the bootstrap admin token, which has no row in ApiToken. */
  tokenId: string | null;
  name: string;
  role: Role;
  /** The area the caller may see (with everything below it); null for the whole tree. */
  areaId: string | null;
  /** The person the token was issued to (rules about one person, such as family access); null for none. */
  personId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    areaTree: AreaTreeCache;
    verifiedTokens: VerifiedTokenCache;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('this route needs an API token');
  return request.principal;
}

/** The audit log's actor for a principal. */
export function actorOf(principal: Principal): string {
  return principal.tokenId === null ? 'bootstrap-admin' : `token:${principal.tokenId}:${principal.name}`;
}
