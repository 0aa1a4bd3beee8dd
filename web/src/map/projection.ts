export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Projection {
  width: number;
  height: number;
  /** Metres to drawing units, for accuracy circles. */
  unitsPerMetre: number;
  project(point: GeoPoint): { x: number; y: number };
}

const WIDTH = 1000;
const MARGIN = 40;
const METRES_PER_DEGREE = 111_320;
/** A village of one street still gets a map a few hundred metres wide. */
const MIN_SPAN_M = 300;

/**
 * A flat projection of the points' bounding box onto a 1000-unit-wide drawing: at a village's scale the
 * earth is flat, with longitude shrunk by the cosine of the latitude.
 */
export function projectionFor(points: readonly GeoPoint[]): Projection | null {
  if (points.length === 0) return null;
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const midLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const lonScale = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max(MIN_SPAN_M, (Math.max(...lons) - Math.min(...lons)) * lonScale * METRES_PER_DEGREE);
  const spanY = Math.max(MIN_SPAN_M, (Math.max(...lats) - Math.min(...lats)) * METRES_PER_DEGREE);
  const unitsPerMetre = (WIDTH - 2 * MARGIN) / spanX;
  const height = Math.max(300, Math.round(spanY * unitsPerMetre + 2 * MARGIN));
  return {
    width: WIDTH,
    height,
    unitsPerMetre,
    project: (p) => ({
      x: WIDTH / 2 + (p.lon - midLon) * lonScale * METRES_PER_DEGREE * unitsPerMetre,
      y: height / 2 - (p.lat - midLat) * METRES_PER_DEGREE * unitsPerMetre,
    }),
  };
}
