import { z } from 'zod';
import { UnreadableJsonError, VersionedJson, VersionedJsonList } from '../../db/versioned-json';
import type { Logger } from '../../logging';
import type { StoredCardStatus } from '../cards/position-to-fix';
import type { CellObservation, WifiObservation } from '../domain';

/**
 * How LocationFix.cells, .wifis and .status are stored, version by version. Cells and Wi-Fi are
 * arrays, so each entry carries its version.
 */

const cellV1 = z.object({
  mcc: z.number().int(),
  mnc: z.number().int(),
  lac: z.number().int(),
  cid: z.number().int(),
  rssi: z.number().optional(),
}) satisfies z.ZodType<CellObservation>;

export const locationFixCellsJson = new VersionedJsonList<CellObservation>(
  VersionedJson.first('LocationFix.cells', cellV1),
);

const wifiV1 = z.object({
  mac: z.string(),
  rssi: z.number().optional(),
  ssid: z.string(),
}) satisfies z.ZodType<WifiObservation & { ssid: string }>;

export const locationFixWifisJson = new VersionedJsonList<WifiObservation & { ssid: string }>(
  VersionedJson.first('LocationFix.wifis', wifiV1),
);

const cardAlarms = z.object({
  sos: z.boolean(),
  lowBattery: z.boolean(),
  leftFence: z.boolean(),
  enteredFence: z.boolean(),
  takenOff: z.boolean(),
  fallDown: z.boolean(),
  powerOff: z.boolean(),
}) satisfies z.ZodType<StoredCardStatus['alarms']>;

/**
 * Every field optional: the column's default `{}` is a fix stored without a status, and the location
 * rules read only the fix quality (satellites, accuracy).
 */
const statusV1 = z.object({
  keyword: z.string().optional(),
  word: z.number().int().optional(),
  lowBattery: z.boolean().optional(),
  moving: z.boolean().optional(),
  alarms: cardAlarms.optional(),
  satellites: z.number().int().optional(),
  accuracyM: z.number().optional(),
});

export const locationFixStatusJson: VersionedJson<Partial<StoredCardStatus>> = VersionedJson.first(
  'LocationFix.status',
  statusV1,
);

/** A fix's JSON parts as the location rules take them. */
export interface ReadableFixParts {
  cells: CellObservation[];
  wifis: (WifiObservation & { ssid: string })[];
  status: Partial<StoredCardStatus>;
}

/**
 * The parts of fix `fixId` for the SOS locator and the inactivity rule, which must never stop on one
 * bad row: an unreadable part (or array entry) is logged and left out.
 */
export function readFixParts(
  fixId: string,
  json: { cells: unknown; wifis: unknown; status: unknown },
  logger: Logger,
): ReadableFixParts {
  const skip = (error: UnreadableJsonError) =>
    logger.warn({ err: error.message }, 'location fix partly unreadable; that part is left out');
  let status: Partial<StoredCardStatus> = {};
  try {
    status = locationFixStatusJson.read(fixId, json.status);
  } catch (error) {
    if (!(error instanceof UnreadableJsonError)) throw error;
    skip(error);
  }
  return {
    cells: locationFixCellsJson.readReadable(fixId, json.cells, skip),
    wifis: locationFixWifisJson.readReadable(fixId, json.wifis, skip),
    status,
  };
}
