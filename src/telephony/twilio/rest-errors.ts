import { CallNotFound } from '../errors/call-not-found';
import { EngineUnavailable } from '../errors/engine-unavailable';
import { InvalidCallRequest } from '../errors/invalid-call-request';
import { NotDialled } from '../errors/not-dialled';
import { OutcomeUnknown } from '../errors/outcome-unknown';
import { TrunkCongested } from '../errors/trunk-congested';

/** The engine's name in errors and status. */
const TWILIO_ENGINE = 'twilio';

/** Twilio error codes that refuse for capacity: too many requests, the call queue full. */
const CONGESTION_CODES = new Set([20429, 22005]);
/** Twilio error codes that say the request cannot be right: bad or unroutable number, caller id. */
const INVALID_CODES = new Set([13223, 13224, 21210, 21211, 21212, 21213, 21214, 21215, 21216, 21217, 21219]);
/** The call is gone: not found, or no longer in progress. */
const GONE_CODES = new Set([20404, 21220]);
/** Network failures before anything reached Twilio. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface RestFailure {
  status?: number;
  code?: number | string;
  message?: string;
}

/**
 * A failed REST request as the port's errors: refused for capacity (HTTP 429, queue full) is a congested
 * trunk; unreachable, or refusing linli's credentials, is an unavailable engine (nothing was sent, or
 * nothing done); a bad number is an invalid request; no answer, or a server error, may have placed the
 * call.
 */
export function restError(err: unknown, trunk: string): Error {
  const failure = (err ?? {}) as RestFailure;
  const code = typeof failure.code === 'number' ? failure.code : undefined;
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const message = failure.message ?? String(err);
  if (status !== undefined) {
    if (status === 429 || (code !== undefined && CONGESTION_CODES.has(code))) {
      return new TrunkCongested(trunk, `Twilio refused: ${message}`, { cause: err });
    }
    if (status === 401 || status === 403) return new EngineUnavailable(TWILIO_ENGINE, { cause: err });
    if (code !== undefined && INVALID_CODES.has(code)) return new InvalidCallRequest(`Twilio: ${message}`);
    if (status === 502 || status === 503 || status === 504)
      return new EngineUnavailable(TWILIO_ENGINE, { cause: err });
    if (status >= 500) return new OutcomeUnknown(`Twilio answered ${status}: ${message}`, { cause: err });
    return new NotDialled(`Twilio refused: ${message}`, { cause: err });
  }
  if (typeof failure.code === 'string' && NOT_SENT.has(failure.code)) {
    return new EngineUnavailable(TWILIO_ENGINE, { cause: err });
  }
  return new OutcomeUnknown(`no answer from Twilio: ${message}`, { cause: err });
}

/** A failed request on a live call: Twilio not finding it (or it no longer in progress) means it ended. */
export function liveCallRestError(err: unknown, callId: string, trunk: string): Error {
  const failure = (err ?? {}) as RestFailure;
  if (failure.status === 404 || (typeof failure.code === 'number' && GONE_CODES.has(failure.code))) {
    return new CallNotFound(callId);
  }
  return restError(err, trunk);
}
