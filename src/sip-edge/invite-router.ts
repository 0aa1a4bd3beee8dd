import { performance } from 'node:perf_hooks';
import type Srf from 'drachtio-srf';
import type { EdgeTargetConfig } from '../config/sip-edge-config';
import type { Logger } from '../logging';
import { isServerFailure, type AttemptFailure } from './domain';
import type { EdgeCalls } from './edge-calls';
import type { EdgeMetrics } from './edge-metrics';
import type { ServerPool } from './server-pool';
import type { SourceTable } from './source-table';
import { sipStatusOf } from './srf-requests';

export interface InviteRouterDeps {
  srf: Srf;
  pool: ServerPool;
  sources: SourceTable;
  calls: EdgeCalls;
  /** A server that sends nothing at all (not even 100 Trying) within this is skipped. */
  answerTimeoutMs: number;
  logger: Logger;
  metrics: EdgeMetrics;
}

/**
 * The time the edge itself holds a call's set-up: from the carrier's INVITE, or from a server's
 * failure, until the INVITE is out towards the next server. Waiting for a server is not counted.
 */
interface SetupClock {
  edgeMs: number;
  readyAt: number;
}

type Attempt =
  | { kind: 'connected' }
  | { kind: 'failed'; failure: AttemptFailure }
  /** The caller gave up (CANCEL) or its leg could not be answered: nothing more to try. */
  | { kind: 'over' };

/** createUAC's options as drachtio-srf reads them (its typings lack the calling number). */
type UacOptions = Srf.CreateUACOptions & { callingNumber?: string };
type UacCallbacks = {
  cbRequest: (err: unknown, sent: Srf.SrfRequest) => void;
  cbProvisional: (res: Srf.SrfResponse) => void;
};
type CreateUac = (uri: string, opts: UacOptions, callbacks: UacCallbacks) => Promise<Srf.Dialog>;

const ignore = () => undefined;

/** The INVITE's Call-ID. (drachtio-srf's typings promise a `callId` property its requests do not have.) */
const callIdOf = (req: Srf.SrfRequest): string => req.get('Call-ID');

/**
 * Takes the carriers' INVITEs: refuses what the admission rules refuse, and connects the rest to an
 * Asterisk server, trying the next one when a server fails (5xx, 408, silence). The edge is a
 * back-to-back user agent: media flows between the carrier and Asterisk, the edge keeps both legs.
 */
export function routeInvites(deps: InviteRouterDeps): void {
  const { srf, sources, logger } = deps;
  srf.invite((req, res) => {
    const received = performance.now();
    const admission = sources.admit({
      source: req.source_address,
      userAgent: req.has('User-Agent') ? req.get('User-Agent') : undefined,
      requestUri: req.uri,
      now: Date.now(),
    });
    if (!admission.admit) {
      // Counted, and logged only at debug: a scanner's flood must not slow the calls that pass.
      deps.metrics.refused(admission.reason);
      logger.debug(
        { source: req.source_address, uri: req.uri, status: admission.status, reason: admission.reason },
        'INVITE refused at the edge',
      );
      const headers = admission.retryAfterS ? { 'Retry-After': String(admission.retryAfterS) } : {};
      res.send(admission.status, { headers });
      return;
    }
    void connect(deps, req, res, admission.number, { edgeMs: 0, readyAt: received }).catch((err: Error) => {
      logger.error({ callId: callIdOf(req), err: err.message }, 'inbound call not connected');
      deps.metrics.refused('call failed');
      if (!res.finalResponseSent) res.send(500);
    });
  });
}

async function connect(
  deps: InviteRouterDeps,
  req: Srf.SrfRequest,
  res: Srf.SrfResponse,
  number: string,
  clock: SetupClock,
): Promise<void> {
  const { pool, logger, metrics } = deps;
  const caller = { cancelled: false, cancelCurrent: ignore as () => void };
  req.on('cancel', () => {
    caller.cancelled = true;
    caller.cancelCurrent();
    metrics.cancelled();
    if (!res.finalResponseSent) res.send(487);
  });
  let lastFailure: AttemptFailure | undefined;
  for (const target of pool.order(deps.calls.serverOf(callIdOf(req)))) {
    if (caller.cancelled) return;
    const attempt = await tryServer(deps, req, res, number, target, caller, clock);
    if (attempt.kind !== 'failed') return;
    clock.readyAt = performance.now();
    lastFailure = attempt.failure;
    if (!isServerFailure(attempt.failure)) {
      metrics.attempt(target.name, 'call');
      metrics.refused('call failed');
      if ('status' in attempt.failure && !res.finalResponseSent) res.send(attempt.failure.status);
      return;
    }
    metrics.attempt(target.name, 'timedOut' in attempt.failure ? 'timeout' : 'failed');
    // Dead, restarting or overloaded: new calls try it last until it answers OPTIONS again, so one call
    // pays the failover rather than every call until the health checks notice. Its calls go on.
    pool.suspect(target.name);
    logger.warn(
      { server: target.name, callId: callIdOf(req), failure: attempt.failure },
      'server failed a call: trying the next',
    );
  }
  logger.error({ callId: callIdOf(req), number, lastFailure }, 'no Asterisk server took the call');
  metrics.refused('no server');
  if (!res.finalResponseSent && !caller.cancelled) res.send(503);
}

/** One attempt on one server; resolves once the call is connected or this server is done with. */
function tryServer(
  deps: InviteRouterDeps,
  req: Srf.SrfRequest,
  res: Srf.SrfResponse,
  number: string,
  target: EdgeTargetConfig,
  caller: { cancelled: boolean; cancelCurrent: () => void },
  clock: SetupClock,
): Promise<Attempt> {
  const { srf, pool, calls, metrics } = deps;
  pool.callStarted(target.name);
  return new Promise<Attempt>((resolve) => {
    let abandoned = false;
    let ringingSent = false;
    let sent: Srf.SrfRequest | undefined;
    const timer = setTimeout(() => {
      abandoned = true;
      sent?.cancel(ignore);
      pool.callEnded(target.name);
      resolve({ kind: 'failed', failure: { timedOut: true } });
    }, deps.answerTimeoutMs);
    caller.cancelCurrent = () => sent?.cancel(ignore);

    const createUac = srf.createUAC.bind(srf) as unknown as CreateUac;
    createUac(
      `sip:${number}@${target.host}:${target.port}`,
      { localSdp: req.body, callingNumber: req.callingNumber, headers: {} },
      {
        cbRequest: (_err, r) => {
          sent = r;
          clock.edgeMs += performance.now() - clock.readyAt;
        },
        cbProvisional: (provisional) => {
          clearTimeout(timer);
          if (!ringingSent && (provisional.status === 180 || provisional.status === 183)) {
            ringingSent = true;
            res.send(180);
          }
        },
      },
    ).then(
      async (uac) => {
        clearTimeout(timer);
        const answeredAt = performance.now();
        if (abandoned || caller.cancelled) {
          uac.destroy({ headers: {} }, ignore);
          if (!abandoned) pool.callEnded(target.name);
          resolve({ kind: 'over' });
          return;
        }
        try {
          const uas = await srf.createUAS(req, res, { localSdp: uac.remote.sdp });
          calls.add(callIdOf(req), target.name, uas, uac);
          metrics.attempt(target.name, 'connected');
          metrics.connected(target.name, clock.edgeMs + (performance.now() - answeredAt));
          resolve({ kind: 'connected' });
        } catch {
          uac.destroy({ headers: {} }, ignore);
          pool.callEnded(target.name);
          resolve({ kind: 'over' });
        }
      },
      (err: unknown) => {
        clearTimeout(timer);
        if (abandoned) return;
        pool.callEnded(target.name);
        if (caller.cancelled) {
          resolve({ kind: 'over' });
          return;
        }
        resolve({ kind: 'failed', failure: { status: sipStatusOf(err) ?? 503 } });
      },
    );
  });
}
