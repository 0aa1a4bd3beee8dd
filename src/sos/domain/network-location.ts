import { haversineMetres, type LatLon } from './geo';
import type { TrackReport } from './location-track';
import { cellKey, type RadioTables } from './radio-tables';
import { normaliseMac } from './wifi-table-csv';

export interface NetworkEstimate extends LatLon {
  source: 'wifi' | 'cell';
  accuracyM: number;
}

interface HeardEmitter extends LatLon {
  rangeM: number;
  rssi: number | undefined;
}

// Tables carry ranges of a few metres for rarely seen emitters; no Wi-Fi or cell position is that good.
const MIN_WIFI_RANGE_M = 30;
const MIN_CELL_RANGE_M = 300;

/**
 * Where one report's Wi-Fi or cell observations put the card. Wi-Fi alone when any access point is
 * known, since mixing in cells (ranges of kilometres) would only drag a good Wi-Fi estimate away.
 */
export function estimateFromNetworks(report: TrackReport, tables: RadioTables): NetworkEstimate | null {
  const accessPoints: HeardEmitter[] = [];
  for (const seen of report.wifi ?? []) {
    const ap = tables.wifi.get(normaliseMac(seen.mac) ?? seen.mac);
    if (ap) accessPoints.push({ ...ap, rangeM: Math.max(ap.rangeM, MIN_WIFI_RANGE_M), rssi: seen.rssi });
  }
  if (accessPoints.length > 0) return { source: 'wifi', ...weightedCentroid(accessPoints) };

  const towers: HeardEmitter[] = [];
  for (const seen of report.cells ?? []) {
    const tower = tables.cells.get(cellKey(seen));
    if (tower) towers.push({ ...tower, rangeM: Math.max(tower.rangeM, MIN_CELL_RANGE_M), rssi: seen.rssi });
  }
  if (towers.length > 0) return { source: 'cell', ...weightedCentroid(towers) };
  return null;
}

/**
 * Weights are 10^(rssi/20): under free-space path loss that is proportional to 1/distance, so nearer
 * emitters pull harder. An emitter without a signal reading cannot be compared with the others, so
 * then all count the same. Emitters are close together, so averaging degrees directly is accurate enough.
 * The card is within range of every emitter it heard, so the centroid is off by at most the smallest
 * (distance to an emitter + that emitter's range).
 */
function weightedCentroid(emitters: readonly HeardEmitter[]): LatLon & { accuracyM: number } {
  const weighBySignal = emitters.every((e) => e.rssi !== undefined);
  let total = 0;
  let lat = 0;
  let lon = 0;
  for (const e of emitters) {
    const weight = weighBySignal && e.rssi !== undefined ? 10 ** (e.rssi / 20) : 1;
    total += weight;
    lat += e.lat * weight;
    lon += e.lon * weight;
  }
  const centre = { lat: lat / total, lon: lon / total };
  const accuracyM = Math.min(...emitters.map((e) => haversineMetres(centre, e) + e.rangeM));
  return { ...centre, accuracyM: Math.ceil(accuracyM) };
}
