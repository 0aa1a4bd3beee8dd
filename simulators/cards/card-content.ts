import { encodeStatusWord, type CardAlarms } from '../../src/sos/card-protocol';

/** What a simulated card knows about itself when it reports. */
export interface CardReading {
  latitude: number;
  longitude: number;
  at: Date;
  battery: number;
  steps: number;
  rolls: number;
  speedKmh?: number;
  courseDeg?: number;
  alarms?: Partial<CardAlarms>;
}

/** Some firmwares send the status as 4 hex digits: the alarm half of the word alone. */
export type StatusWordDigits = 4 | 8;

const two = (n: number) => String(n).padStart(2, '0');

function dateTime(at: Date): string {
  const date = `${two(at.getUTCDate())}${two(at.getUTCMonth() + 1)}${two(at.getUTCFullYear() % 100)}`;
  const time = `${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
  return `${date},${time}`;
}

export function heartbeatContent(reading: Pick<CardReading, 'steps' | 'rolls' | 'battery'>): string {
  return `LK,${reading.steps},${reading.rolls},${reading.battery}`;
}

/**
 * UD/AL body the way 爱心卡 firmwares write it: GPS fix, then one serving cell of China Mobile
 * (460/00) and no wifi scan, as a card indoors in a village would report.
 */
export function positionContent(
  keyword: 'UD' | 'UD2' | 'AL',
  reading: CardReading,
  statusDigits: StatusWordDigits = 8,
): string {
  const fields = [
    keyword,
    dateTime(reading.at),
    'A',
    Math.abs(reading.latitude).toFixed(6),
    reading.latitude < 0 ? 'S' : 'N',
    Math.abs(reading.longitude).toFixed(6),
    reading.longitude < 0 ? 'W' : 'E',
    (reading.speedKmh ?? 0).toFixed(2),
    (reading.courseDeg ?? 0).toFixed(1),
    '0.0',
    '8',
    '80',
    String(reading.battery),
    String(reading.steps),
    String(reading.rolls),
    encodeStatusWord({ alarms: reading.alarms ?? {} }).slice(0, statusDigits),
    '1',
    '0',
    '460',
    '0',
    '22561',
    '104723841',
    '164',
    '0',
    '0.0',
  ];
  return fields.join(',');
}
