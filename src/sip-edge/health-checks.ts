import type Srf from 'drachtio-srf';
import type { Logger } from '../logging';
import { sendRequest } from './srf-requests';
import type { ServerPool } from './server-pool';

/**
 * Sends OPTIONS to every Asterisk server on a fixed interval; a 2xx within the interval counts as
 * healthy, anything else (an error status, no answer) as a failure.
 */
export function startHealthChecks(
  srf: Srf,
  pool: ServerPool,
  intervalMs: number,
  logger: Logger,
): () => void {
  const probe = (host: string, port: number, name: string) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      pool.observe(name, ok);
    };
    const timer = setTimeout(() => settle(false), intervalMs);
    sendRequest(srf, `sip:${host}:${port}`, 'OPTIONS', (res) => {
      if (!res) logger.debug({ server: name }, 'OPTIONS not sent');
      settle(res !== null && res.status < 300);
    });
  };
  const round = () => {
    for (const s of pool.servers) probe(s.host, s.port, s.name);
  };
  round();
  const every = setInterval(round, intervalMs);
  return () => clearInterval(every);
}
