import type { PositionReport } from '../card-protocol';
import type { CellObservation, WifiObservation } from '../domain';

/** One LocationFix row's content, as it is written. */
export interface LocationFixData {
  at: Date;
  gpsValid: boolean;
  latitude: number | null;
  longitude: number | null;
  cells: CellObservation[];
  wifis: (WifiObservation & { ssid: string })[];
  battery: number;
  steps: number;
  status: StoredCardStatus;
}

/** The status word decoded, plus the fix quality fields LocationFix has no column for. */
export interface StoredCardStatus {
  keyword: string;
  word: number;
  lowBattery: boolean;
  moving: boolean;
  alarms: PositionReport['status']['alarms'];
  satellites: number;
  accuracyM?: number;
}

/** A card clock further off than this is not believed; the gateway's receive time is used instead. */
const MAX_CLOCK_AHEAD_MS = 10 * 60_000;
const MAX_CLOCK_BEHIND_MS = 7 * 24 * 3_600_000;

export function positionToFix(keyword: string, report: PositionReport, receivedAt: Date): LocationFixData {
  const noCoordinates = report.latitude === 0 && report.longitude === 0;
  return {
    at: measuredAt(report.reportedAt, receivedAt),
    gpsValid: report.gpsValid && !noCoordinates,
    latitude: noCoordinates ? null : report.latitude,
    longitude: noCoordinates ? null : report.longitude,
    cells: cellsOf(report),
    wifis: report.wifi.map((w) => ({ mac: w.mac, rssi: w.rssi, ssid: w.ssid })),
    battery: report.battery,
    steps: report.steps,
    status: {
      keyword,
      word: report.status.raw,
      lowBattery: report.status.lowBattery,
      moving: report.status.moving,
      alarms: report.status.alarms,
      satellites: report.satellites,
      ...(report.accuracyM === undefined ? {} : { accuracyM: report.accuracyM }),
    },
  };
}

/** Cards with an unset clock send 000000 dates, and some drift by days; a queued report keeps its own time. */
function measuredAt(reportedAt: Date | null, receivedAt: Date): Date {
  if (reportedAt === null) return receivedAt;
  const offset = reportedAt.getTime() - receivedAt.getTime();
  return offset > MAX_CLOCK_AHEAD_MS || offset < -MAX_CLOCK_BEHIND_MS ? receivedAt : reportedAt;
}

/**
 * Cells can only be looked up with the network they belong to. The card's per-cell signal is in
 * a vendor unit, not dBm, so it is left out rather than guessed: the tables then weigh every cell
 * the same.
 */
function cellsOf(report: PositionReport): CellObservation[] {
  if (report.mcc === undefined || report.mnc === undefined) return [];
  const { mcc, mnc } = report;
  return report.cells.map((cell) => ({ mcc, mnc, lac: cell.lac, cid: cell.cid }));
}
