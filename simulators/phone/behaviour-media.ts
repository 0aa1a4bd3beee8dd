import type { MediaSegment } from '../media/phone-media';
import { fitAlaw, GREETING_TEXT, HELLO_TEXT, speechAlaw, toneAlaw } from '../media/speech-audio';
import type { PhoneBehaviour } from './phone-behaviour';
import type { PhoneTiming } from './phone-timing';

const BEEP_HZ = 1000;
const BEEP_MS = 500;
/** Phones keep sending (silent) audio while connected; past this the stream just stops, to keep captures small. */
const LONGEST_STREAM_MS = 30_000;
const AFTER_KEYS_MS = 1000;
const AFTER_BEEP_MS = 2000;

/** What the phone sends once it has answered; null when it never answers. */
export async function mediaForBehaviour(
  behaviour: PhoneBehaviour,
  timing: PhoneTiming,
): Promise<MediaSegment[] | null> {
  switch (behaviour.kind) {
    case 'press':
    case 'press-and-hold':
      return [
        ...(await helloWithin(timing.pressDelayMs)),
        ...keyPresses(behaviour.digits, timing),
        { kind: 'silence', ms: AFTER_KEYS_MS },
      ];
    case 'hangup':
      return helloWithin(Math.min(behaviour.afterSeconds * 1000, LONGEST_STREAM_MS));
    case 'silent':
      return [{ kind: 'silence', ms: Math.min(timing.maxCallMs, LONGEST_STREAM_MS) }];
    case 'machine':
      return [
        { kind: 'audio', alaw: fitAlaw(await speechAlaw(GREETING_TEXT), timing.greetingMs) },
        { kind: 'audio', alaw: await toneAlaw(BEEP_HZ, BEEP_MS) },
        { kind: 'silence', ms: AFTER_BEEP_MS },
      ];
    case 'busy':
    case 'no-answer':
    case 'decline':
    case 'reject':
      return null;
  }
}

/** Key presses one after another, digitGapMs apart. */
export function keyPresses(
  digits: string,
  timing: Pick<PhoneTiming, 'digitGapMs' | 'digitToneMs'>,
): MediaSegment[] {
  return [...digits].flatMap((digit, i): MediaSegment[] => [
    ...(i > 0 ? [{ kind: 'silence', ms: timing.digitGapMs } as const] : []),
    { kind: 'dtmf', digit, toneMs: timing.digitToneMs },
  ]);
}

/** "喂，你好" followed by silence, lasting ms in all (the greeting is cut short if ms is shorter). */
async function helloWithin(ms: number): Promise<MediaSegment[]> {
  return [{ kind: 'audio', alaw: fitAlaw(await speechAlaw(HELLO_TEXT), ms) }];
}
