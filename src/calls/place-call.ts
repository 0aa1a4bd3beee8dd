import type { Queue } from 'bullmq';
import type { TrunkConfig } from '../config/telephony-config';
import type { Db } from '../db/client';
import type { Logger } from '../logging';
import type { CallControl } from '../telephony/call-control';
import type { TrunkBudget } from '../telephony/trunk-budget';
import { NotDialled } from '../telephony/errors/not-dialled';
import { speak, type Prompt, type StandardSound } from '../telephony/prompt';
import type { CallRecorder } from './call-recorder';

/** One message-and-digit call, as the API asks for it. */
export interface PlaceCallData {
  callId: string;
  trunk: string;
  destination: string;
  callerId?: string;
  /** Text to speak (Mandarin); rendered by TTS in the worker. */
  text?: string;
  /** A standard sound, played when there is no text. */
  sound?: StandardSound;
  /** Digits that count as an answer. */
  digits: string;
  ringTimeoutMs: number;
}

class UnknownTrunkInputError extends Error {
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
  budget: TrunkBudget;
  recorder: CallRecorder;
  logger: Logger;
}

/**
 * Dials a requested call at most once. The Call row is claimed atomically before the originate,
 * so a job retried after a crash never rings a person twice; only a call the engine certainly did
 * not place (NotDialled) gives the claim back for a retry.
 */
export function placeCallProcessor(
  deps: PlaceCallDeps,
): (data: PlaceCallData) => Promise<'dialled' | 'already-dialled'> {
  return async (data) => {
    const prompt: Prompt = data.text
      ? [speak(data.text)]
      : data.sound
        ? [{ kind: 'sound', name: data.sound }]
        : [];
    const claimed = await deps.db.call.updateMany({
      where: { id: data.callId, originatedAt: null },
      data: { originatedAt: new Date() },
    });
    if (claimed.count === 0) return 'already-dialled';
    deps.recorder.own(data.callId);
    try {
      // Above campaigns, below SOS: waits for a channel campaigns have not taken, never a reserved one.
      await deps.budget.take(data.trunk, 'escalation', data.callId);
      await deps.calls.notify({
        callId: data.callId,
        trunk: data.trunk,
        destination: data.destination,
        callerId: data.callerId,
        ringTimeoutMs: data.ringTimeoutMs,
        prompt,
        choices: [...data.digits].map((digit) => ({ digit, label: digit })),
        maxPlays: 2,
        digitTimeoutMs: 5000,
        machineDetection: 'off',
      });
      return 'dialled';
    } catch (err) {
      await deps.budget.release(data.callId, err);
      deps.recorder.disown(data.callId);
      if (err instanceof NotDialled) {
        await deps.db.call.update({ where: { id: data.callId }, data: { originatedAt: null } });
      } else {
        deps.logger.error(
          { callId: data.callId, err: (err as Error).message },
          'call placement outcome unknown',
        );
      }
      throw err;
    }
  };
}
