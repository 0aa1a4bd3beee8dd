import type { Logger } from '../../logging';
import type { TrackReport } from '../domain';
import { readFixParts } from './location-fix-json';

/** The LocationFix columns a location estimate reads. */
export interface StoredFix {
  id: string;
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
  id: true,
  at: true,
  gpsValid: true,
  latitude: true,
  longitude: true,
  cells: true,
  wifis: true,
  status: true,
} as const;

/** A stored fix as the location rules read it; an unreadable JSON part is logged and left out, not fatal. */
export function fixToTrackReport(fix: StoredFix, logger: Logger): TrackReport {
  const report: TrackReport = { at: fix.at.getTime() };
  const { cells, wifis: wifi, status } = readFixParts(fix.id, fix, logger);
  if (fix.latitude !== null && fix.longitude !== null) {
    report.gps = {
      valid: fix.gpsValid,
      lat: fix.latitude,
      lon: fix.longitude,
      satellites: status.satellites ?? 0,
      ...(status.accuracyM === undefined ? {} : { accuracyM: status.accuracyM }),
    };
  }
  if (cells.length > 0) report.cells = cells;
  if (wifi.length > 0) report.wifi = wifi;
  return report;
}
