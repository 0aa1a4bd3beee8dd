import { decodeStatusWord, type PositionReport } from '../../../src/sos/card-protocol';
import { positionToFix } from '../../../src/sos/cards/position-to-fix';
import { createLogger } from '../../../src/logging';
import { fixToTrackReport } from '../../../src/sos/location/fix-to-track';

const RECEIVED = new Date('2026-03-01T06:00:00Z');

function report(overrides: Partial<PositionReport> = {}): PositionReport {
  return {
    reportedAt: new Date('2026-03-01T05:59:30Z'),
    gpsValid: true,
    latitude: 30.274085,
    longitude: 120.15507,
    speedKmh: 0,
    courseDeg: 0,
    altitudeM: 12,
    satellites: 7,
    gsmSignal: 80,
    battery: 64,
    steps: 1200,
    rolls: 0,
    status: decodeStatusWord(1 << 16),
    mcc: 460,
    mnc: 0,
    cells: [{ lac: 22561, cid: 104723841, signal: 164 }],
    wifi: [{ ssid: 'home', mac: 'a4:56:02:1b:7c:e0', rssi: -60 }],
    extraFields: [],
    ...overrides,
  };
}

describe('a card report stored as a location fix', () => {
  it('keeps what locating the elder needs: GPS, cells with their network, Wi-Fi, battery, steps, the SOS bit', () => {
    const fix = positionToFix('AL', report(), RECEIVED);
    expect(fix).toMatchObject({
      at: new Date('2026-03-01T05:59:30Z'),
      gpsValid: true,
      latitude: 30.274085,
      longitude: 120.15507,
      cells: [{ mcc: 460, mnc: 0, lac: 22561, cid: 104723841 }],
      wifis: [{ mac: 'a4:56:02:1b:7c:e0', rssi: -60, ssid: 'home' }],
      battery: 64,
      steps: 1200,
      status: { keyword: 'AL', satellites: 7, alarms: { sos: true } },
    });
  });

  it("uses the gateway's clock when the card's is unset or far off", () => {
    expect(positionToFix('UD', report({ reportedAt: null }), RECEIVED).at).toEqual(RECEIVED);
    expect(
      positionToFix('UD', report({ reportedAt: new Date('2026-03-01T07:00:00Z') }), RECEIVED).at,
    ).toEqual(RECEIVED);
    expect(
      positionToFix('UD', report({ reportedAt: new Date('2025-01-01T00:00:00Z') }), RECEIVED).at,
    ).toEqual(RECEIVED);
  });

  it('stores no coordinates for the 0,0 cards send without a fix', () => {
    const fix = positionToFix('UD', report({ gpsValid: false, latitude: 0, longitude: 0 }), RECEIVED);
    expect(fix).toMatchObject({ gpsValid: false, latitude: null, longitude: null });
  });

  it('leaves out cells whose network the card did not say', () => {
    expect(positionToFix('UD', report({ mcc: undefined }), RECEIVED).cells).toEqual([]);
  });

  it('reads back into the report the location rules take', () => {
    const fix = positionToFix('UD', report(), RECEIVED);
    expect(fixToTrackReport({ id: 'fix-1', ...fix }, createLogger('silent'))).toEqual({
      at: Date.parse('2026-03-01T05:59:30Z'),
      gps: { valid: true, lat: 30.274085, lon: 120.15507, satellites: 7 },
      cells: [{ mcc: 460, mnc: 0, lac: 22561, cid: 104723841 }],
      wifi: [{ mac: 'a4:56:02:1b:7c:e0', rssi: -60, ssid: 'home' }],
    });
  });

  it('reads a damaged stored fix as far as it goes', () => {
    const read = fixToTrackReport(
      {
        id: 'fix-1',
        at: RECEIVED,
        gpsValid: false,
        latitude: null,
        longitude: null,
        cells: [{ mcc: 460 }, 'junk', { mcc: 460, mnc: 0, lac: 1, cid: 2 }],
        wifis: 'junk',
        status: null,
      },
      createLogger('silent'),
    );
    expect(read).toEqual({ at: RECEIVED.getTime(), cells: [{ mcc: 460, mnc: 0, lac: 1, cid: 2 }] });
  });
});
