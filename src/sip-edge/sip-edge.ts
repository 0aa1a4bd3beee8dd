import Srf from 'drachtio-srf';
import type { Env } from '../config/env';
import type { DrachtioConfig, EdgeTargetConfig } from '../config/sip-edge-config';
import type { Logger } from '../logging';
import { EdgeCalls } from './edge-calls';
import { EdgeMetrics } from './edge-metrics';
import { startHealthChecks } from './health-checks';
import { routeInvites } from './invite-router';
import { ServerPool } from './server-pool';
import { SourceTable } from './source-table';

export type SipEdgeEnv = Env & { DRACHTIO_URL: DrachtioConfig; SIP_EDGE_SERVERS: EdgeTargetConfig[] };

export interface SipEdge {
  /** Whether a server is in the rotation now. */
  isUp(server: string): boolean;
  /** The edge's counters (Prometheus), for /metrics. */
  metrics: EdgeMetrics;
  stop(): Promise<void>;
}

/**
 * The SIP edge: connects to drachtio-server, checks the Asterisk servers behind it and routes the
 * carriers' calls to them. Calls on a server that goes down are ended at once, so the carrier (and
 * the elder's card, which calls again) knows; linli records them ended once that server's AMI is gone.
 */
export async function startSipEdge(env: SipEdgeEnv, logger: Logger): Promise<SipEdge> {
  const srf = new Srf();
  const pool = new ServerPool(env.SIP_EDGE_SERVERS, env.SIP_EDGE_ROUTING, {
    downAfterFailures: env.SIP_EDGE_DOWN_AFTER_FAILURES,
    upAfterSuccesses: env.SIP_EDGE_UP_AFTER_SUCCESSES,
  });
  const metrics = new EdgeMetrics(env.SIP_EDGE_SERVERS.map((s) => s.name));
  const calls = new EdgeCalls((server) => {
    pool.callEnded(server);
    metrics.callEnded(server);
  });
  const sources = new SourceTable({
    served: new Set(env.SIP_EDGE_NUMBERS),
    sos: new Set(env.SIP_EDGE_SOS_NUMBERS),
    carriers: new Set(env.SIP_EDGE_CARRIERS),
    rate: { perSecond: env.SIP_EDGE_SOURCE_CPS, burst: env.SIP_EDGE_SOURCE_BURST },
    strikes: {
      maxUnknownNumbers: env.SIP_EDGE_UNKNOWN_NUMBERS_MAX,
      windowMs: env.SIP_EDGE_UNKNOWN_WINDOW_MS,
      blockMs: env.SIP_EDGE_BLOCK_MS,
    },
  });
  pool.on('down', (server) => {
    metrics.serverUp(server, false);
    const ended = calls.endCallsOn(server);
    logger.warn({ server, endedCalls: ended }, 'Asterisk server out of the rotation');
  });
  pool.on('up', (server) => {
    metrics.serverUp(server, true);
    logger.info({ server }, 'Asterisk server back in the rotation');
  });
  srf.on('error', (err) => logger.warn({ err: err.message }, 'drachtio connection error'));

  const { host, port, secret } = env.DRACHTIO_URL;
  await new Promise<void>((resolve, reject) => {
    // drachtio-srf retries a failed connection for ever: a wrong secret or address stops the edge instead.
    const fail = (err: Error) => {
      try {
        srf.disconnect();
      } catch {
        // Never connected: drachtio-srf has nothing to close, only its retries to stop.
      }
      reject(err);
    };
    srf.once('connect', (err) => (err ? fail(err) : resolve()));
    srf.once('error', fail);
    srf.connect({ host, port, secret });
  });
  routeInvites({
    srf,
    pool,
    sources,
    calls,
    answerTimeoutMs: env.SIP_EDGE_ANSWER_TIMEOUT_MS,
    logger,
    metrics,
  });
  const stopChecks = startHealthChecks(srf, pool, env.SIP_EDGE_OPTIONS_INTERVAL_MS, logger);
  logger.info(
    { servers: env.SIP_EDGE_SERVERS.map((s) => s.name), drachtio: `${host}:${port}` },
    'SIP edge started',
  );
  return {
    isUp: (server) => pool.isUp(server),
    metrics,
    stop: async () => {
      stopChecks();
      calls.endAll();
      srf.disconnect();
    },
  };
}
