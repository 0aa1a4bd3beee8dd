import type { Queue } from 'bullmq';
import type { TrunkConfig } from '../config/telephony-config';
import type { Db } from '../db/client';
import type { Logger } from '../logging';
import type { CallControl } from '../telephony/call-control';
import { AmiActionError, AmiNotConnectedError } from '../telephony/asterisk/ami-errors';
import type { CallRecorder } from './call-recorder';

/** One message-and-digit call, as the API asks for it. */
export interface PlaceCallData {
  callId: string;
  trunk: string;
  destination: string;
  callerId?: string;
  /** Text to speak (Mandarin); rendered by TTS in the worker. */
  text?: string;
  /** A sound Asterisk already has (path without extension), used when there is no text. */
  prompt?: string;
  /** Digits that count as an answer. */
  digits: string;
  ringTimeoutMs: number;
}

/** Renders text to a sound file and returns its path as Asterisk sees it. */
export type PromptRenderer = (text: string) => Promise<string>;

export class UnknownTrunkInputError extends Error {
  constructor(readonly trunk: string) {
    super(`unknown trunk "${trunk}"`);
    this.name = 'UnknownTrunkInputError';
  }
}

/** Records the call and queues it; the Call row exists before anything is dialled. */
export async function requestCall(
  db: Db,
  queue: Queue<PlaceCallData>,
  trunks: TrunkConfig[],
  data: PlaceCallData,
  purpose = 'api',
): Promise<void> {
  const trunk = trunks.find((t) => t.name === data.trunk);
  if (!trunk) throw new UnknownTrunkInputError(data.trunk);
  await db.call.create({
    data: {
      id: data.callId,
      direction: 'OUTBOUND',
      server: trunk.server,
      trunk: trunk.name,
      destination: data.destination,
      callerId: data.callerId,
      purpose,
    },
  });
  await queue.add('place-call', data, { jobId: data.callId });
}

export interface PlaceCallDeps {
  db: Db;
  calls: CallControl;
  recorder: CallRecorder;
  renderPrompt: PromptRenderer;
  logger: Logger;
}

/**
 * Dials a requested call at most once. The Call row is claimed atomically before the originate,
 * so a job retried after a crash never rings a person twice; only an originate Asterisk certainly
 * did not receive gives the claim back for a retry.
 */
export function placeCallProcessor(
  deps: PlaceCallDeps,
): (data: PlaceCallData) => Promise<'dialled' | 'already-dialled'> {
  return async (data) => {
    const prompt = data.text ? await deps.renderPrompt(data.text) : (data.prompt ?? '');
    const claimed = await deps.db.call.updateMany({
      where: { id: data.callId, originatedAt: null },
      data: { originatedAt: new Date() },
    });
    if (claimed.count === 0) return 'already-dialled';
    deps.recorder.own(data.callId);
    try {
      await deps.calls.originate({
        callId: data.callId,
        trunk: data.trunk,
        destination: data.destination.replace(/^\+/, ''),
        callerId: data.callerId,
        timeoutMs: data.ringTimeoutMs,
        context: 'linli-notify',
        variables: {
          LINLI_PROMPT: prompt,
          LINLI_DIGITS: data.digits,
          LINLI_REPEAT_DIGIT: '',
          LINLI_MAX_PLAYS: '2',
          LINLI_DIGIT_TIMEOUT: '5',
        },
      });
      return 'dialled';
    } catch (err) {
      deps.recorder.disown(data.callId);
      if (err instanceof AmiNotConnectedError || err instanceof AmiActionError) {
        await deps.db.call.update({ where: { id: data.callId }, data: { originatedAt: null } });
      } else {
        deps.logger.error({ callId: data.callId, err: (err as Error).message }, 'originate outcome unknown');
      }
      throw err;
    }
  };
}
