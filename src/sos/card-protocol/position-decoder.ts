import { clip, ContentValidationError, type ContentProblem } from './content-error';
import { FieldCursor } from './field-cursor';
import type { CellTower, PositionReport, WifiAccessPoint } from './message-types';
import { parseStatusWord } from './status-word';

const MAC = /^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}$/;
const INTEGER = /^-?\d+$/;
const MAX_CELLS = 32;
const MAX_WIFI = 32;

/**
 * Decodes the comma-separated fields that follow UD/UD2/UD_LTE/UD_WCDMA/WT/AL:
 * ddmmyy,hhmmss,A|V,lat,N|S,lon,E|W,speed,course,altitude,satellites,gsmSignal,battery,steps,
 * rolls,statusHex[,cellCount,connect,mcc,mnc,(lac,cid,signal)*n,wifiCount,(ssid,mac,rssi)*n,accuracy]
 * Throws ContentValidationError naming the field at fault when a field up to the status word
 * cannot be read. After it, an unreadable Wi-Fi access point, cell list or accuracy is left out
 * and named in `droppedFields`, so a card that fills them loosely still reports its alarm.
 */
export function decodePositionFields(keyword: string, fields: readonly string[]): PositionReport {
  const cursor = new FieldCursor(fields, keyword);
  const dropped: ContentProblem[] = [];
  const reportedAt = readDateTime(cursor, dropped);
  const gpsValid = cursor.oneOf('validity', ['A', 'V']) === 'A';
  const latitude = signedDegrees(
    cursor.decimal('latitude', { min: -90, max: 90 }),
    cursor.oneOf('latitude hemisphere', ['N', 'S']),
  );
  const longitudeValue = cursor.decimal('longitude', { min: -180, max: 180 });
  // Some firmwares leave the E/W letter empty for eastern longitudes.
  const longitude = signedDegrees(longitudeValue, cursor.oneOf('longitude hemisphere', ['E', 'W', '']));
  const report: PositionReport = {
    reportedAt,
    gpsValid,
    latitude,
    longitude,
    speedKmh: cursor.decimal('speed', { min: 0 }),
    courseDeg: cursor.decimal('course', { min: -360, max: 360 }),
    altitudeM: cursor.decimal('altitude'),
    satellites: cursor.int('satellites', { min: 0 }),
    gsmSignal: cursor.int('gsm signal', { min: 0 }),
    battery: cursor.int('battery', { min: 0, max: 100 }),
    steps: cursor.int('steps', { min: 0 }),
    rolls: cursor.int('rolls', { min: 0 }),
    status: readStatus(cursor),
    cells: [],
    wifi: [],
    extraFields: [],
  };
  if (cursor.remaining > 0) readNetwork(cursor, keyword, report, dropped);
  if (dropped.length > 0) report.droppedFields = dropped;
  return report;
}

/** An unreadable card clock is a clock not set yet: the gateway's receive time stands in. */
function readDateTime(cursor: FieldCursor, dropped: ContentProblem[]): Date | null {
  try {
    return readCardClock(cursor);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    dropped.push(error.problem);
    return null;
  }
}

function readCardClock(cursor: FieldCursor): Date | null {
  const date = cursor.text('date');
  const time = cursor.text('time');
  if (!/^\d{6}$/.test(date)) cursor.fail('date', 'expected ddmmyy', date);
  if (!/^\d{6}$/.test(time)) cursor.fail('time', 'expected hhmmss', time);
  if (date === '000000') return null;
  const [day, month, year] = [date.slice(0, 2), date.slice(2, 4), date.slice(4, 6)].map(Number) as [
    number,
    number,
    number,
  ];
  const [hour, minute, second] = [time.slice(0, 2), time.slice(2, 4), time.slice(4, 6)].map(Number) as [
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) cursor.fail('time', 'not a time of day', time);
  const at = new Date(Date.UTC(2000 + year, month - 1, day, hour, minute, second));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day)
    cursor.fail('date', 'not a calendar date', date);
  return at;
}

function signedDegrees(value: number, hemisphere: string): number {
  return hemisphere === 'S' || hemisphere === 'W' ? -Math.abs(value) : value;
}

function readStatus(cursor: FieldCursor) {
  const raw = cursor.text('status').trim();
  return parseStatusWord(raw) ?? cursor.fail('status', 'expected 8 (or 4) hex digits', raw);
}

/** The cells and Wi-Fi section; when no reading of it holds together, it is dropped whole. */
function readNetwork(
  cursor: FieldCursor,
  keyword: string,
  report: PositionReport,
  dropped: ContentProblem[],
): void {
  try {
    const cellCount = cursor.int('cell count', { min: 0, max: MAX_CELLS });
    if (cursor.remaining === 0) return;
    const connect = cursor.optionalInt('connect');
    if (connect !== undefined) report.connect = connect;
    const tail = cursor.rest();

    // With no cells, some firmwares still send (often empty) mcc,mnc and some skip them; take the
    // reading that accounts for every field, so "0,1,,,,00" and "0,0" both decode.
    const readings =
      cellCount === 0
        ? [() => readWifiSection(keyword, tail), () => readCellsThenWifi(keyword, tail, 0)]
        : [() => readCellsThenWifi(keyword, tail, cellCount)];
    const { droppedFields, ...section } = chooseReading(readings);
    Object.assign(report, section);
    dropped.push(...droppedFields);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    dropped.push(error.problem);
  }
}

/** The reading that accounts for the most fields: nothing dropped or left over, else the fewest. */
function chooseReading(readings: Array<() => NetworkSection>): NetworkSection {
  let firstError: ContentValidationError | undefined;
  let best: NetworkSection | undefined;
  const untidiness = (s: NetworkSection) => s.droppedFields.length + s.extraFields.length;
  for (const read of readings) {
    try {
      const section = read();
      if (untidiness(section) === 0) return section;
      if (!best || untidiness(section) < untidiness(best)) best = section;
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      firstError ??= error;
    }
  }
  if (best) return best;
  // Only reached when every reading threw, so firstError is set.
  throw firstError as ContentValidationError;
}

interface NetworkSection {
  mcc?: number;
  mnc?: number;
  cells: CellTower[];
  wifi: WifiAccessPoint[];
  accuracyM?: number;
  extraFields: string[];
  droppedFields: ContentProblem[];
}

function readCellsThenWifi(keyword: string, fields: string[], cellCount: number): NetworkSection {
  const cursor = new FieldCursor(fields, keyword);
  const mcc = cursor.optionalInt('mcc', { min: 0, max: 999 });
  const mnc = cursor.optionalInt('mnc', { min: 0, max: 999 });
  const cells: CellTower[] = [];
  for (let i = 1; i <= cellCount; i++) {
    const cell: CellTower = {
      lac: cursor.int(`cell ${i} lac`, { min: 0 }),
      cid: cursor.int(`cell ${i} cid`, { min: 0 }),
    };
    const signal = cursor.optionalInt(`cell ${i} signal`);
    if (signal !== undefined) cell.signal = signal;
    cells.push(cell);
  }
  const rest = readWifiSection(keyword, cursor.rest());
  return {
    ...(mcc === undefined ? {} : { mcc }),
    ...(mnc === undefined ? {} : { mnc }),
    ...rest,
    cells,
  };
}

function readWifiSection(keyword: string, fields: string[]): NetworkSection {
  const cursor = new FieldCursor(fields, keyword);
  const section: NetworkSection = { cells: [], wifi: [], extraFields: [], droppedFields: [] };
  if (cursor.remaining === 0) return section;
  const wifiCount = cursor.optionalInt('wifi count', { min: 0, max: MAX_WIFI }) ?? 0;
  for (let i = 1; i <= wifiCount; i++) {
    const ssid = cursor.text(`wifi ${i} ssid`);
    const mac = cursor.text(`wifi ${i} mac`).trim();
    const rssi = cursor.text(`wifi ${i} rssi`).trim();
    const problem = accessPointProblem(keyword, i, mac, rssi);
    if (problem) section.droppedFields.push(problem);
    else section.wifi.push({ ssid, mac: normaliseMac(mac), rssi: Number(rssi) });
  }
  if (cursor.remaining > 0) {
    try {
      const accuracy = cursor.optionalDecimal('accuracy', { min: 0 });
      if (accuracy !== undefined) section.accuracyM = accuracy;
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      section.droppedFields.push(error.problem);
    }
  }
  section.extraFields = cursor.rest();
  return section;
}

/** Cards that found no usable access point send an empty or "0" MAC; that point is left out. */
function accessPointProblem(keyword: string, i: number, mac: string, rssi: string): ContentProblem | null {
  if (!MAC.test(mac)) {
    return {
      keyword,
      field: `wifi ${i} mac`,
      reason: 'expected a MAC address like 22:74:1d:39:64:ff',
      value: clip(mac),
    };
  }
  if (!INTEGER.test(rssi))
    return { keyword, field: `wifi ${i} rssi`, reason: 'expected an integer', value: clip(rssi) };
  return null;
}

function normaliseMac(mac: string): string {
  const hex = mac.toLowerCase().replace(/[:-]/g, '');
  return hex.match(/../g)?.join(':') ?? hex;
}
