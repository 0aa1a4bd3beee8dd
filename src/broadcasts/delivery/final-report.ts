import type { SpeakerStatus } from '../mqtt/speaker-protocol';

/** A speaker's last word on a delivery: every state but `started`. */
export type FinalStatus = SpeakerStatus & { state: Exclude<SpeakerStatus['state'], 'started'> };

/** A write a final report makes: these columns, on the delivery if it is in one of `whenState`. */
export interface FinalWrite {
  whenState: readonly string[];
  data: {
    state?: 'finished' | 'failed';
    reason?: string;
    startedAt?: Date;
    secondsPlayed?: number;
  };
}

const SENT_OR_PLAYING = ['sent', 'playing'] as const;

/**
 * What a speaker's final report writes on its delivery (which started at `startedAt`, if it did),
 * heard at `atMs`: finished with the seconds it played (its own count, else the time since it
 * started); stopped or refused or failed, a failure with the reason. A delivery linli preempted is
 * settled already: the speaker's `stopped` only adds how long it played.
 */
export function finalWrites(status: FinalStatus, startedAt: Date | null, atMs: number): FinalWrite[] {
  const played = status.secondsPlayed;
  switch (status.state) {
    case 'finished':
      return [
        {
          whenState: SENT_OR_PLAYING,
          data: {
            state: 'finished',
            startedAt: startedAt ?? new Date(atMs),
            secondsPlayed: played ?? (startedAt ? (atMs - startedAt.getTime()) / 1000 : 0),
          },
        },
      ];
    case 'stopped':
      return [
        ...(played === undefined ? [] : [{ whenState: ['preempted'], data: { secondsPlayed: played } }]),
        { whenState: SENT_OR_PLAYING, data: { state: 'failed', reason: status.reason ?? 'stopped' } },
      ];
    case 'refused':
    case 'failed':
      return [
        {
          whenState: SENT_OR_PLAYING,
          data: { state: 'failed', reason: `${status.state}${status.reason ? `: ${status.reason}` : ''}` },
        },
      ];
  }
}

/**
 * The writes of a batch of final reports, a delivery's first report in the batch counting (a report
 * heard twice, or a `failed` after a `finished`, changes nothing, as it would one after the other): one
 * statement writes them all, and it must not meet one delivery twice in the same states.
 */
export function firstFinalWrites(
  writes: readonly { deliveryId: string; write: FinalWrite }[],
): { deliveryId: string; write: FinalWrite }[] {
  const first = new Map<string, { deliveryId: string; write: FinalWrite }>();
  for (const w of writes) {
    const key = `${w.deliveryId} ${w.write.whenState.join(',')}`;
    if (!first.has(key)) first.set(key, w);
  }
  return [...first.values()];
}
