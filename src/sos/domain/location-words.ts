import { bearingDegrees, haversineMetres, type LatLon } from './geo';

/** A household address or landmark from the village's own data. */
export interface Place extends LatLon {
  label: string;
}

export interface DescribedPosition extends LatLon {
  accuracyM: number;
  ageMs: number;
}

export interface LocationWordsOptions {
  /** Closer than this to a place, the elder is simply "near" it. */
  nearbyM: number;
  /** Accuracy worse than this is said aloud, so nobody searches one spot for someone 500 m away. */
  poorAccuracyM: number;
  /** A position older than this says how old it is. */
  oldAfterMs: number;
}

const DEFAULT_LOCATION_WORDS_OPTIONS: LocationWordsOptions = {
  nearbyM: 50,
  poorAccuracyM: 100,
  oldAfterMs: 5 * 60_000,
};

// Sectors of 45° clockwise from north. Cardinal points read naturally as 以东, diagonals as 东北方向.
const DIRECTIONS = ['以北', '东北方向', '以东', '东南方向', '以南', '西南方向', '以西', '西北方向'] as const;

/**
 * The position in words for a phone message, relative to the nearest place:
 * "东巷12号附近", "东巷12号东北方向约200米", "…，位置误差约500米", "…，15分钟前定位".
 */
export function describeLocation(
  position: DescribedPosition,
  places: readonly Place[],
  options: LocationWordsOptions = DEFAULT_LOCATION_WORDS_OPTIONS,
): string {
  const parts = [placeWords(position, places, options.nearbyM)];
  if (position.accuracyM > options.poorAccuracyM)
    parts.push(`位置误差约${distanceWords(position.accuracyM)}`);
  if (position.ageMs >= options.oldAfterMs) parts.push(`${ageWords(position.ageMs)}定位`);
  return parts.join('，');
}

function placeWords(position: LatLon, places: readonly Place[], nearbyM: number): string {
  let nearest: { place: Place; distance: number } | null = null;
  for (const place of places) {
    const distance = haversineMetres(place, position);
    if (!nearest || distance < nearest.distance) nearest = { place, distance };
  }
  if (!nearest) return coordinateWords(position);
  if (nearest.distance <= nearbyM) return `${nearest.place.label}附近`;
  const sector = Math.round(bearingDegrees(nearest.place, position) / 45) % 8;
  return `${nearest.place.label}${DIRECTIONS[sector] ?? ''}约${distanceWords(nearest.distance)}`;
}

/** The last resort when the village has no places on the map: about 10 m of precision. */
function coordinateWords({ lat, lon }: LatLon): string {
  const latitude = `${lat >= 0 ? '北纬' : '南纬'}${Math.abs(lat).toFixed(4)}度`;
  const longitude = `${lon >= 0 ? '东经' : '西经'}${Math.abs(lon).toFixed(4)}度`;
  return `${latitude}、${longitude}附近`;
}

/** Rounded to what a listener can use: 60米, 130米, 650米, 1.5公里, 12公里. */
export function distanceWords(metres: number): string {
  const step = metres < 300 ? 10 : metres < 1000 ? 50 : metres < 10_000 ? 100 : 1000;
  const rounded = Math.max(10, Math.round(metres / step) * step);
  return rounded < 1000 ? `${rounded}米` : `${rounded / 1000}公里`;
}

/** 15分钟前, 1小时20分钟前, 3天前. */
export function ageWords(ageMs: number): string {
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return `${Math.floor(minutes / 60)}小时${rest === 0 ? '' : `${rest}分钟`}前`;
  }
  return `${Math.round(minutes / (24 * 60))}天前`;
}
