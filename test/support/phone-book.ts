import { phoneBehaviour, type PhoneBehaviour } from '../../simulators/phone/phone-behaviour';

/**
 * How the phones behind the fakes' numbers behave (press:1, busy, no-answer, reject:503, …), as the simulated
 * village's do. Numbers are kept as dialled without a leading +, so "+86139…" and "86139…" are one phone.
 */
export class PhoneBook {
  private readonly behaviours = new Map<string, PhoneBehaviour>();

  constructor(private fallback: PhoneBehaviour = { kind: 'reject', sipStatus: 404 }) {}

  set(number: string, behaviour: PhoneBehaviour | string): void {
    this.behaviours.set(bare(number), parse(behaviour));
  }

  /** How every number not set answers. */
  setEveryOther(behaviour: PhoneBehaviour | string): void {
    this.fallback = parse(behaviour);
  }

  behaviourOf(number: string): PhoneBehaviour {
    return this.behaviours.get(bare(number)) ?? this.fallback;
  }
}

const bare = (number: string): string => number.replace(/^\+/, '');
const parse = (behaviour: PhoneBehaviour | string): PhoneBehaviour =>
  typeof behaviour === 'string' ? phoneBehaviour(behaviour) : behaviour;
