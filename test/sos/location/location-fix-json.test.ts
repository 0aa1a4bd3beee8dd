import { createLogger } from '../../../src/logging';
import {
  locationFixCellsJson,
  locationFixStatusJson,
  locationFixWifisJson,
  readFixParts,
} from '../../../src/sos/location/location-fix-json';
import { fixToTrackReport } from '../../../src/sos/location/fix-to-track';
import { storedFixture } from '../../fixtures/json/read-fixture';

/** A fix's JSON columns as the previous deploy's card gateway wrote them: no versions. */
const fixV1 = storedFixture('location-fix.v1.json') as { cells: unknown; wifis: unknown; status: unknown };

function capturingLogger() {
  const warnings: string[] = [];
  const logger = createLogger('silent');
  logger.warn = ((obj: { err: string }) => void warnings.push(obj.err)) as typeof logger.warn;
  return { logger, warnings };
}

describe('LocationFix.cells, wifis and status written by the previous deploy', () => {
  it('are read into the report the locator takes', () => {
    const { logger, warnings } = capturingLogger();
    const at = new Date('2026-03-01T05:59:30Z');
    const report = fixToTrackReport(
      { id: 'fix-1', at, gpsValid: true, latitude: 30.27, longitude: 120.15, ...fixV1 },
      logger,
    );
    expect(report).toEqual({
      at: at.getTime(),
      gps: { valid: true, lat: 30.27, lon: 120.15, satellites: 7, accuracyM: 12 },
      cells: [
        { mcc: 460, mnc: 0, lac: 22561, cid: 104723841 },
        { mcc: 460, mnc: 0, lac: 22561, cid: 104723842 },
      ],
      wifi: [{ mac: 'a4:56:02:1b:7c:e0', rssi: -60, ssid: 'home' }],
    });
    expect(warnings).toEqual([]);
  });

  it('are written with their versions, and read back', () => {
    const cells = locationFixCellsJson.write([{ mcc: 460, mnc: 0, lac: 1, cid: 2 }]);
    expect(cells).toEqual([{ mcc: 460, mnc: 0, lac: 1, cid: 2, version: 1 }]);
    expect(locationFixCellsJson.read('fix-1', cells)).toEqual([{ mcc: 460, mnc: 0, lac: 1, cid: 2 }]);
    expect(locationFixWifisJson.write([{ mac: 'm', ssid: 's' }])).toEqual([
      { mac: 'm', ssid: 's', version: 1 },
    ]);
    expect(locationFixStatusJson.write({ satellites: 4 })).toEqual({ satellites: 4, version: 1 });
  });

  it('never stop a locator on a corrupt value: it is logged and that part left out', () => {
    const { logger, warnings } = capturingLogger();
    const parts = readFixParts(
      'fix-bad',
      {
        cells: [{ mcc: 460 }, { mcc: 460, mnc: 0, lac: 1, cid: 2 }],
        wifis: 'junk',
        status: { satellites: 'many' },
      },
      logger,
    );
    expect(parts).toEqual({ cells: [{ mcc: 460, mnc: 0, lac: 1, cid: 2 }], wifis: [], status: {} });
    expect(warnings).toEqual([
      expect.stringMatching(/^LocationFix\.status of row fix-bad cannot be read: as version 1: satellites: /),
      expect.stringMatching(
        /^LocationFix\.cells of row fix-bad cannot be read: entry 0: as version 1: mnc: /,
      ),
      'LocationFix.wifis of row fix-bad cannot be read: expected an array, found a string',
    ]);
  });
});
