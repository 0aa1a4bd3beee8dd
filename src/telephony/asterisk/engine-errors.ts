import { CallNotFound } from '../errors/call-not-found';
import { EngineUnavailable } from '../errors/engine-unavailable';
import { NotDialled } from '../errors/not-dialled';
import { OutcomeUnknown } from '../errors/outcome-unknown';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from './ami-errors';

/**
 * An AMI failure as the port's errors: not connected means nothing was sent; an action Asterisk answered
 * with an error was not carried out; no answer means it may have been.
 */
export function portError(err: unknown): Error {
  if (err instanceof AmiNotConnectedError) return new EngineUnavailable(err.server, { cause: err });
  if (err instanceof AmiActionError) return new NotDialled(err.message, { cause: err });
  if (err instanceof AmiTimeoutError) return new OutcomeUnknown(err.message, { cause: err });
  return err instanceof Error ? err : new Error(String(err));
}

/** A failed action on a live call: Asterisk not finding the channel means the call has ended. */
export function liveCallError(err: unknown, callId: string): Error {
  if (err instanceof AmiActionError && /no such channel|not found/i.test(err.reason)) {
    return new CallNotFound(callId);
  }
  return portError(err);
}
