import { bearingDegrees, haversineMetres, isPlausibleCoordinate } from '../../../src/sos/domain';

describe('haversineMetres', () => {
  it.each([
    [
      'Beijing to Shanghai',
      { lat: 39.9042, lon: 116.4074 },
      { lat: 31.2304, lon: 121.4737 },
      1_067_000,
      2_000,
    ],
    ['0.001° of latitude', { lat: 30.274, lon: 120.155 }, { lat: 30.275, lon: 120.155 }, 111.2, 0.5],
    ['the same point', { lat: 30.274, lon: 120.155 }, { lat: 30.274, lon: 120.155 }, 0, 0.001],
  ])('%s', (_name, a, b, metres, tolerance) => {
    expect(Math.abs(haversineMetres(a, b) - metres)).toBeLessThanOrEqual(tolerance);
  });
});

describe('bearingDegrees', () => {
  const origin = { lat: 30.274, lon: 120.155 };
  it.each([
    ['north', { lat: 30.275, lon: 120.155 }, 0],
    ['east', { lat: 30.274, lon: 120.156 }, 90],
    ['south', { lat: 30.273, lon: 120.155 }, 180],
    ['west', { lat: 30.274, lon: 120.154 }, 270],
  ])('%s', (_name, to, degrees) => {
    expect(bearingDegrees(origin, to)).toBeCloseTo(degrees, 1);
  });
});

describe('isPlausibleCoordinate', () => {
  it.each([
    [{ lat: 30.27, lon: 120.15 }, true],
    [{ lat: 0, lon: 0 }, false],
    [{ lat: 91, lon: 120 }, false],
    [{ lat: 30, lon: 181 }, false],
    [{ lat: Number.NaN, lon: 120 }, false],
  ])('%j → %s', (point, expected) => {
    expect(isPlausibleCoordinate(point)).toBe(expected);
  });
});
