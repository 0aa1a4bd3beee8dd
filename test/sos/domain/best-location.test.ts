import {
  bestLocation,
  buildRadioTables,
  haversineMetres,
  type OpenCellIdTower,
  type TrackReport,
  type WifiTableEntry,
} from '../../../src/sos/domain';

const NOW = Date.parse('2024-05-06T07:20:00Z');
const MIN = 60_000;

const home = { lat: 30.274, lon: 120.155 };
// About 100 m east and west of home.
const apEast: WifiTableEntry = { mac: 'a4:56:02:1b:7c:e0', lat: 30.274, lon: 120.15604, rangeM: 40 };
const apWest: WifiTableEntry = { mac: 'a4:56:02:1b:7c:e1', lat: 30.274, lon: 120.15396, rangeM: 40 };
const tower = (cid: number, lat: number, lon: number, rangeM: number): OpenCellIdTower => ({
  radio: 'GSM',
  mcc: 460,
  mnc: 0,
  lac: 22627,
  cid,
  lat,
  lon,
  rangeM,
  samples: 10,
});
const towerNorth = tower(1, 30.284, 120.155, 1500);
const towerSouth = tower(2, 30.264, 120.155, 1500);
const tables = buildRadioTables([towerNorth, towerSouth], [apEast, apWest]);

const seenCell = (cid: number, rssi: number) => ({ mcc: 460, mnc: 0, lac: 22627, cid, rssi });
const gps = (at: number, over: Partial<NonNullable<TrackReport['gps']>> = {}): TrackReport => ({
  at,
  gps: { valid: true, lat: 30.2745, lon: 120.1555, satellites: 7, ...over },
});
const wifiReport = (at: number): TrackReport => ({
  at,
  wifi: [
    { mac: 'A4-56-02-1B-7C-E0', rssi: -60 },
    { mac: 'A4-56-02-1B-7C-E1', rssi: -60 },
  ],
});
const cellReport = (at: number): TrackReport => ({ at, cells: [seenCell(1, -70), seenCell(2, -70)] });

describe('bestLocation', () => {
  it('prefers the latest valid GPS fix', () => {
    const track = [gps(NOW - 10 * MIN, { lat: 30.1 }), gps(NOW - 2 * MIN), wifiReport(NOW - MIN)];
    expect(bestLocation(track, tables, NOW)).toEqual({
      source: 'gps',
      lat: 30.2745,
      lon: 120.1555,
      accuracyM: 15,
      at: NOW - 2 * MIN,
      ageMs: 2 * MIN,
    });
  });

  it.each([
    ['the reported accuracy', { accuracyM: 8 }, 8],
    ['15 m for a 3-D fix', { satellites: 4 }, 15],
    ['50 m for a fix from three satellites', { satellites: 3 }, 50],
  ])('uses %s as GPS accuracy', (_name, over, accuracy) => {
    expect(bestLocation([gps(NOW, over)], tables, NOW)?.accuracyM).toBe(accuracy);
  });

  it.each([
    ['an invalid fix', { valid: false }],
    ['a fix at 0,0', { lat: 0, lon: 0 }],
    ['a "valid" fix from two satellites', { satellites: 2 }],
  ])('falls back to Wi-Fi over %s', (_name, over) => {
    const result = bestLocation([wifiReport(NOW - MIN), gps(NOW, over)], tables, NOW);
    expect(result?.source).toBe('wifi');
  });

  it('places Wi-Fi between the access points heard, within their range', () => {
    const result = bestLocation([wifiReport(NOW - MIN)], tables, NOW);
    expect(result).toMatchObject({ source: 'wifi', at: NOW - MIN, ageMs: MIN });
    expect(haversineMetres(result!, home)).toBeLessThan(1);
    // Each access point is about 100 m away and reaches 40 m.
    expect(result!.accuracyM).toBeGreaterThanOrEqual(140);
    expect(result!.accuracyM).toBeLessThanOrEqual(141);
  });

  it('pulls the estimate towards the stronger signal', () => {
    const report: TrackReport = {
      at: NOW,
      wifi: [
        { mac: apEast.mac, rssi: -40 },
        { mac: apWest.mac, rssi: -80 },
      ],
    };
    const result = bestLocation([report], tables, NOW)!;
    expect(haversineMetres(result, apEast)).toBeLessThan(5);
    expect(result.accuracyM).toBeLessThanOrEqual(45);
  });

  it('weighs access points equally when one was heard without a signal reading', () => {
    const report: TrackReport = { at: NOW, wifi: [{ mac: apEast.mac, rssi: -40 }, { mac: apWest.mac }] };
    expect(haversineMetres(bestLocation([report], tables, NOW)!, home)).toBeLessThan(1);
  });

  it('uses cell towers when no access point heard is in the table', () => {
    const report: TrackReport = {
      at: NOW,
      wifi: [{ mac: '00:11:22:33:44:55', rssi: -50 }],
      cells: cellReport(NOW).cells,
    };
    const result = bestLocation([report], tables, NOW)!;
    expect(result.source).toBe('cell');
    expect(haversineMetres(result, home)).toBeLessThan(1);
  });

  it('does not claim better accuracy than 300 m from a cell tower', () => {
    const tiny = buildRadioTables([tower(9, 30.274, 120.155, 2)], []);
    const result = bestLocation([{ at: NOW, cells: [seenCell(9, -60)] }], tiny, NOW);
    expect(result).toMatchObject({ source: 'cell', accuracyM: 300 });
  });

  it.each([
    ['5 minutes', 5 * MIN, 'gps'],
    ['10 minutes', 10 * MIN, 'gps'],
    ['30 minutes', 30 * MIN, 'cell'],
  ])('a GPS fix %s older than a cell estimate: %s wins', (_name, gap, source) => {
    const track = [gps(NOW - gap - MIN), cellReport(NOW - MIN)];
    expect(bestLocation(track, tables, NOW)?.source).toBe(source);
  });

  it('still gives a stale GPS fix, with its age, when nothing newer can be placed', () => {
    const track = [gps(NOW - 3 * 60 * MIN), { at: NOW, cells: [seenCell(77, -50)] }];
    expect(bestLocation(track, tables, NOW)).toMatchObject({ source: 'gps', ageMs: 3 * 60 * MIN });
  });

  it('looks back to the latest report it can place', () => {
    const track = [cellReport(NOW - 20 * MIN), { at: NOW, wifi: [{ mac: '00:11:22:33:44:55', rssi: -50 }] }];
    expect(bestLocation(track, tables, NOW)).toMatchObject({ source: 'cell', ageMs: 20 * MIN });
  });

  it('gives null when nothing can be placed', () => {
    expect(bestLocation([], tables, NOW)).toBeNull();
    expect(bestLocation([{ at: NOW, cells: [seenCell(77, -50)] }], tables, NOW)).toBeNull();
  });

  it('never reports a negative age when the card clock runs ahead', () => {
    expect(bestLocation([gps(NOW + 30_000)], tables, NOW)?.ageMs).toBe(0);
  });
});

describe('buildRadioTables', () => {
  it('keeps the better-sampled row of a cell listed twice', () => {
    const poor = { ...tower(5, 30, 120, 1000), samples: 2 };
    const good = { ...tower(5, 31, 121, 1000), radio: 'UMTS' as const, samples: 50 };
    expect(buildRadioTables([good, poor], []).cells.get('460-0-22627-5')).toBe(good);
    expect(buildRadioTables([poor, good], []).cells.get('460-0-22627-5')).toBe(good);
  });

  it('lets a later access point row correct an earlier one', () => {
    const moved = { ...apEast, lat: 30.3 };
    expect(buildRadioTables([], [apEast, moved]).wifi.get(apEast.mac)).toBe(moved);
  });
});
