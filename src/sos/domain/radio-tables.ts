import type { CellObservation } from './location-track';
import type { OpenCellIdTower } from './opencellid-csv';
import { normaliseMac, type WifiTableEntry } from './wifi-table-csv';

/** The operator's cell and Wi-Fi tables, indexed for lookups. */
export interface RadioTables {
  cells: ReadonlyMap<string, OpenCellIdTower>;
  wifi: ReadonlyMap<string, WifiTableEntry>;
}

/** Cards do not say which radio they used, so cells are told apart by network, area and id alone. */
export function cellKey(cell: Pick<CellObservation, 'mcc' | 'mnc' | 'lac' | 'cid'>): string {
  return `${cell.mcc}-${cell.mnc}-${cell.lac}-${cell.cid}`;
}

/**
 * When a cell appears twice (the same ids on two radios), the better-sampled row wins; when an
 * access point appears twice, the later row wins, so an operator can correct by appending.
 */
export function buildRadioTables(
  towers: readonly OpenCellIdTower[],
  accessPoints: readonly WifiTableEntry[],
): RadioTables {
  const cells = new Map<string, OpenCellIdTower>();
  for (const tower of towers) {
    const key = cellKey(tower);
    const known = cells.get(key);
    if (!known || tower.samples > known.samples) cells.set(key, tower);
  }
  const wifi = new Map<string, WifiTableEntry>();
  for (const ap of accessPoints) wifi.set(normaliseMac(ap.mac) ?? ap.mac, ap);
  return { cells, wifi };
}
