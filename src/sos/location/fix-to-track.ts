import type { CellObservation, TrackReport, WifiObservation } from '../domain';

/** The LocationFix columns a location estimate reads. */
export interface StoredFix {
  at: Date;
  gpsValid: boolean;
  latitude: number | null;
  longitude: number | null;
  cells: unknown;
  wifis: unknown;
  status: unknown;
}

/** The Prisma select that reads a LocationFix as a StoredFix. */
export const STORED_FIX_SELECT = {
  at: true,
  gpsValid: true,
  latitude: true,
  longitude: true,
  cells: true,
  wifis: true,
  status: true,
} as const;

/** A stored fix as the location rules read it; malformed JSON parts are left out, not fatal. */
export function fixToTrackReport(fix: StoredFix): TrackReport {
  const report: TrackReport = { at: fix.at.getTime() };
  if (fix.latitude !== null && fix.longitude !== null) {
    const status = isObject(fix.status) ? fix.status : {};
    report.gps = {
      valid: fix.gpsValid,
      lat: fix.latitude,
      lon: fix.longitude,
      satellites: typeof status.satellites === 'number' ? status.satellites : 0,
      ...(typeof status.accuracyM === 'number' ? { accuracyM: status.accuracyM } : {}),
    };
  }
  const cells = Array.isArray(fix.cells) ? fix.cells.filter(isCell) : [];
  const wifi = Array.isArray(fix.wifis) ? fix.wifis.filter(isWifi) : [];
  if (cells.length > 0) report.cells = cells;
  if (wifi.length > 0) report.wifi = wifi;
  return report;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCell(value: unknown): value is CellObservation {
  return isObject(value) && ['mcc', 'mnc', 'lac', 'cid'].every((k) => typeof value[k] === 'number');
}

function isWifi(value: unknown): value is WifiObservation {
  return isObject(value) && typeof value.mac === 'string';
}
