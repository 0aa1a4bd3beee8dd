import { isPlausibleCoordinate, type LatLon } from './geo';
import type { GpsReading, TrackReport } from './location-track';
import { estimateFromNetworks } from './network-location';
import type { RadioTables } from './radio-tables';

type LocationSource = 'gps' | 'wifi' | 'cell';

export interface BestLocation extends LatLon {
  source: LocationSource;
  accuracyM: number;
  /** When the position was measured. */
  at: number;
  /** How old the position is at `now`; never negative, even when the card's clock runs ahead. */
  ageMs: number;
}

export interface BestLocationOptions {
  /** A GPS fix this much older than a Wi-Fi or cell estimate gives way to it: the elder may have moved. */
  staleGpsMs: number;
}

const DEFAULT_BEST_LOCATION_OPTIONS: BestLocationOptions = { staleGpsMs: 10 * 60_000 };

// Cards rarely report HDOP; a fix from three satellites is only two-dimensional and markedly worse.
const GPS_ACCURACY_M = 15;
const GPS_2D_ACCURACY_M = 50;

/**
 * The latest valid GPS fix, else the latest report whose Wi-Fi or cell observations the operator's
 * tables can place; null when nothing in the track can be placed.
 */
export function bestLocation(
  track: readonly TrackReport[],
  tables: RadioTables,
  now: number,
  options: BestLocationOptions = DEFAULT_BEST_LOCATION_OPTIONS,
): BestLocation | null {
  const newestFirst = [...track].sort((a, b) => b.at - a.at);
  const gpsReport = newestFirst.find((report) => report.gps && isUsableFix(report.gps));
  const networkFix = firstNetworkFix(newestFirst, tables);

  if (gpsReport?.gps && (!networkFix || networkFix.at - gpsReport.at <= options.staleGpsMs)) {
    const { lat, lon, satellites, accuracyM } = gpsReport.gps;
    const accuracy = accuracyM ?? (satellites >= 4 ? GPS_ACCURACY_M : GPS_2D_ACCURACY_M);
    return withAge({ source: 'gps', lat, lon, accuracyM: accuracy, at: gpsReport.at }, now);
  }
  return networkFix ? withAge(networkFix, now) : null;
}

function isUsableFix(gps: GpsReading): boolean {
  // Some cards keep the valid flag on a cached fix with no satellites in view.
  return gps.valid && gps.satellites >= 3 && isPlausibleCoordinate(gps);
}

function firstNetworkFix(
  newestFirst: readonly TrackReport[],
  tables: RadioTables,
): Omit<BestLocation, 'ageMs'> | null {
  for (const report of newestFirst) {
    const estimate = estimateFromNetworks(report, tables);
    if (estimate) return { ...estimate, at: report.at };
  }
  return null;
}

function withAge(location: Omit<BestLocation, 'ageMs'>, now: number): BestLocation {
  return { ...location, ageMs: Math.max(0, now - location.at) };
}
