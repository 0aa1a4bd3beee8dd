import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { Env } from '../config/env';
import type { Authenticator } from './auth/authenticate';
import { forbidden } from './errors';

export type EndpointAccess = Env['METRICS_ACCESS'];

// BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) of a dual-stack socket.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * An onRequest hook for an operations endpoint (/metrics, /docs): `loopback` lets through requests from
 * this host only (a reverse proxy on this host counts as this host), `token` any valid API token,
 * `public` everyone. `variable` names the setting in the refusal, so the operator knows what to change.
 */
export function endpointGuard(
  access: EndpointAccess,
  authenticate: Authenticator,
  variable: string,
): ((request: FastifyRequest) => Promise<void>) | null {
  if (access === 'public') return null;
  if (access === 'token') {
    return async (request) => {
      await authenticate(request);
    };
  }
  return async (request) => {
    if (!isLoopback(request.ip)) {
      throw forbidden(
        `served to this host only (${variable}=loopback); set ${variable}=token to open it to API tokens`,
      );
    }
  };
}
