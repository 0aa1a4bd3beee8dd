/**
 * The 32-bit status word of UD/AL frames (8 hex digits). Vendor documents of the 3G-watch family
 * split it in two halves: the low 16 bits are standing states, the high 16 bits are alarms
 * raised by the event that produced this frame. Bit positions chosen here are the ones the
 * widely deployed decoders agree on (traccar's watch decoder reads the same bits):
 *
 *   bit  0  low battery (state)          bit 16  SOS key pressed (alarm)
 *   bit  1  outside a fence (state)      bit 17  low battery (alarm)
 *   bit  2  inside a fence (state)       bit 18  left a fence (alarm)
 *   bit  4  moving (state)               bit 19  entered a fence (alarm)
 *   bit 14  powered off (alarm)          bit 20  card/watch taken off (alarm)
 *                                        bit 21, 22  fall detected (alarm; vendors use either)
 *
 * Some firmwares send a 16-bit word of 4 hex digits: the alarm half alone (their "0001" is an
 * SOS), so parseStatusWord moves it into the high half.
 *
 * Other bits are vendor specific (bit 3, for example, is set by many cards in normal reports
 * with no agreed meaning); they are kept in `raw` rather than guessed at.
 */
export interface CardStatus {
  raw: number;
  lowBattery: boolean;
  outsideFence: boolean;
  insideFence: boolean;
  moving: boolean;
  alarms: CardAlarms;
}

export interface CardAlarms {
  sos: boolean;
  lowBattery: boolean;
  leftFence: boolean;
  enteredFence: boolean;
  takenOff: boolean;
  fallDown: boolean;
  powerOff: boolean;
}

const STATUS_BITS = {
  lowBattery: 0,
  outsideFence: 1,
  insideFence: 2,
  moving: 4,
  powerOffAlarm: 14,
  sosAlarm: 16,
  lowBatteryAlarm: 17,
  leftFenceAlarm: 18,
  enteredFenceAlarm: 19,
  takenOffAlarm: 20,
  fallDownAlarm: 21,
  fallDownAlarmAlt: 22,
} as const;

function bit(word: number, position: number): boolean {
  return ((word >>> position) & 1) === 1;
}

export function decodeStatusWord(word: number): CardStatus {
  return {
    raw: word,
    lowBattery: bit(word, STATUS_BITS.lowBattery),
    outsideFence: bit(word, STATUS_BITS.outsideFence),
    insideFence: bit(word, STATUS_BITS.insideFence),
    moving: bit(word, STATUS_BITS.moving),
    alarms: {
      sos: bit(word, STATUS_BITS.sosAlarm),
      lowBattery: bit(word, STATUS_BITS.lowBatteryAlarm),
      leftFence: bit(word, STATUS_BITS.leftFenceAlarm),
      enteredFence: bit(word, STATUS_BITS.enteredFenceAlarm),
      takenOff: bit(word, STATUS_BITS.takenOffAlarm),
      fallDown: bit(word, STATUS_BITS.fallDownAlarm) || bit(word, STATUS_BITS.fallDownAlarmAlt),
      powerOff: bit(word, STATUS_BITS.powerOffAlarm),
    },
  };
}

const FULL_WORD = /^[0-9A-Fa-f]{1,8}$/;
const ALARM_HALF = /^[0-9A-Fa-f]{4}$/;

/** Reads the status field as sent: 8 hex digits (or fewer, unpadded), or a 4-digit alarm half. */
export function parseStatusWord(text: string): CardStatus | null {
  if (ALARM_HALF.test(text)) return decodeStatusWord((parseInt(text, 16) << 16) >>> 0);
  return FULL_WORD.test(text) ? decodeStatusWord(parseInt(text, 16) >>> 0) : null;
}

/** Inverse of decodeStatusWord for the named bits; used by the card simulator and tests. */
export function encodeStatusWord(
  status: Partial<Omit<CardStatus, 'raw' | 'alarms'>> & {
    alarms?: Partial<CardAlarms>;
  },
): string {
  const set: number[] = [];
  if (status.lowBattery) set.push(STATUS_BITS.lowBattery);
  if (status.outsideFence) set.push(STATUS_BITS.outsideFence);
  if (status.insideFence) set.push(STATUS_BITS.insideFence);
  if (status.moving) set.push(STATUS_BITS.moving);
  const alarms = status.alarms ?? {};
  if (alarms.sos) set.push(STATUS_BITS.sosAlarm);
  if (alarms.lowBattery) set.push(STATUS_BITS.lowBatteryAlarm);
  if (alarms.leftFence) set.push(STATUS_BITS.leftFenceAlarm);
  if (alarms.enteredFence) set.push(STATUS_BITS.enteredFenceAlarm);
  if (alarms.takenOff) set.push(STATUS_BITS.takenOffAlarm);
  if (alarms.fallDown) set.push(STATUS_BITS.fallDownAlarm);
  if (alarms.powerOff) set.push(STATUS_BITS.powerOffAlarm);
  const word = set.reduce((acc, position) => (acc | (1 << position)) >>> 0, 0);
  return word.toString(16).toUpperCase().padStart(8, '0');
}
