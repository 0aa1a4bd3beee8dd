import { readFile } from 'node:fs/promises';
import type { Logger } from '../../logging';
import {
  buildRadioTables,
  parseOpenCellIdCsv,
  parseWifiTableCsv,
  type CsvParseResult,
  type RadioTables,
} from '../domain';

export interface RadioTableFiles {
  /** OpenCellID CSV (CELL_TOWERS_CSV). */
  cellTowersCsv?: string;
  /** mac,lat,lon,range CSV (WIFI_ACCESS_POINTS_CSV). */
  wifiAccessPointsCsv?: string;
}

/**
 * Loads the operator's cell and Wi-Fi tables. A file that is configured but unreadable stops the
 * start-up (a silent empty table would make every indoor SOS unplaceable); bad rows are skipped
 * and counted in the log so the operator can fix them.
 */
export async function loadRadioTables(files: RadioTableFiles, logger: Logger): Promise<RadioTables> {
  const towers = files.cellTowersCsv
    ? await load(files.cellTowersCsv, 'CELL_TOWERS_CSV', parseOpenCellIdCsv, logger)
    : [];
  const accessPoints = files.wifiAccessPointsCsv
    ? await load(files.wifiAccessPointsCsv, 'WIFI_ACCESS_POINTS_CSV', parseWifiTableCsv, logger)
    : [];
  return buildRadioTables(towers, accessPoints);
}

async function load<T>(
  file: string,
  setting: string,
  parse: (text: string) => CsvParseResult<T>,
  logger: Logger,
): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${setting}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const { rows, errors } = parse(text);
  if (errors.length > 0) {
    logger.warn(
      { file, badRows: errors.length, first: errors.slice(0, 5) },
      `${setting}: rows skipped; fix them in the file`,
    );
  }
  logger.info({ file, rows: rows.length }, `${setting} loaded`);
  return rows;
}
