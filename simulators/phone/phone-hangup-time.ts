import { mediaDurationMs } from '../media/phone-media';
import { keyPresses } from './behaviour-media';
import type { PhoneBehaviour } from './phone-behaviour';
import type { PhoneTiming } from './phone-timing';

/** How long after answering the phone hangs up by itself, if the caller has not hung up first. */
export function phoneHangsUpAfterMs(behaviour: PhoneBehaviour, timing: PhoneTiming): number {
  switch (behaviour.kind) {
    case 'press-and-hold':
      return (
        timing.pressDelayMs +
        mediaDurationMs(keyPresses(behaviour.digits, timing)) +
        behaviour.holdSeconds * 1000
      );
    case 'hangup':
      return behaviour.afterSeconds * 1000;
    default:
      return timing.maxCallMs;
  }
}
