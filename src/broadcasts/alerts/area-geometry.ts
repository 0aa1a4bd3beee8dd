import type { AlertCircle, LatLon } from './alert';

const EARTH_RADIUS_KM = 6371.0088;

/**
 * China lies within latitudes 3-54 and longitudes 73-136, so a pair whose first number is above 90
 * is longitude first (some feeds write lon,lat) and is swapped.
 */
function point(pair: string): [number, number] | undefined {
  const parts = pair.split(/[,，]/).map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return undefined;
  let [lat, lon] = parts.map(Number) as [number, number];
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) [lat, lon] = [lon, lat];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return [lat, lon];
}

/**
 * CAP's `lat,lon lat,lon …` (WGS84, at least four pairs, first = last), read liberally: `;` between
 * pairs, full-width commas, an unclosed ring (closed here). Returns the reason when it is no polygon.
 */
export function parsePolygon(text: string): [number, number][] | string {
  const pairs = text
    .trim()
    .split(/[\s;；]+/)
    .filter((p) => p !== '');
  const points: [number, number][] = [];
  for (const pair of pairs) {
    const p = point(pair);
    if (!p) return `"${pair.slice(0, 30)}" is not a lat,lon pair`;
    points.push(p);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push(first);
  if (points.length < 4) return 'a polygon needs at least three distinct points';
  return points;
}

/** CAP's `lat,lon radius` with the radius in kilometres. */
export function parseCircle(text: string): AlertCircle | string {
  const [centre = '', radius = '', ...rest] = text.trim().split(/\s+/);
  const p = point(centre);
  if (!p || rest.length > 0) return 'expected "lat,lon radius-in-km"';
  if (!/^\d+(\.\d+)?$/.test(radius)) return `radius "${radius}" is not a number of kilometres`;
  return { lat: p[0], lon: p[1], radiusKm: Number(radius) };
}

/**
 * Ray casting on the plane of latitude and longitude: exact enough for village-sized areas away
 * from the poles and the antimeridian, which is everywhere in China. A point on an edge counts as inside.
 */
export function pointInPolygon(at: LatLon, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [latI, lonI] = ring[i] ?? [0, 0];
    const [latJ, lonJ] = ring[j] ?? [0, 0];
    if (onSegment(at, [latI, lonI], [latJ, lonJ])) return true;
    const crosses = lonI > at.lon !== lonJ > at.lon;
    if (crosses && at.lat < ((latJ - latI) * (at.lon - lonI)) / (lonJ - lonI) + latI) inside = !inside;
  }
  return inside;
}

function onSegment(at: LatLon, a: readonly [number, number], b: readonly [number, number]): boolean {
  const cross = (b[0] - a[0]) * (at.lon - a[1]) - (b[1] - a[1]) * (at.lat - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    at.lat >= Math.min(a[0], b[0]) &&
    at.lat <= Math.max(a[0], b[0]) &&
    at.lon >= Math.min(a[1], b[1]) &&
    at.lon <= Math.max(a[1], b[1])
  );
}

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function pointInCircle(at: LatLon, circle: AlertCircle): boolean {
  return distanceKm(at, circle) <= circle.radiusKm;
}
