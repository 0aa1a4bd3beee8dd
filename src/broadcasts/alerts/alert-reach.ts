import type { Alert, AlertArea } from './alert';
import { areaCodeCovers } from './area-codes';
import { pointInCircle, pointInPolygon } from './area-geometry';

/** A village as the directory has it, with its town (the areas tree: TOWN › VILLAGE › GRID). */
export interface ReachVillage {
  id: string;
  name: string;
  /** The area's code: matched as a division code when it is one (6, 9 or 12 digits). */
  code: string;
  town?: { name: string; code: string };
}

export interface ReachSpeaker {
  id: string;
  villageId: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface AlertReach {
  villageIds: string[];
  /** Speakers inside a polygon or circle, or belonging to a village the alert names. */
  speakerIds: string[];
  /** Areas that matched no village and no speaker (their description, or their codes), to show the cadre. */
  unmatchedAreas: string[];
}

/** Names shorter than this ("东", "一组") would match inside unrelated words of an area description. */
const MIN_NAME_LENGTH = 2;

/**
 * Which villages and speakers an alert reaches. Per area: villages by division code or by name
 * (`villagesInArea`); speakers by location inside a polygon or circle, plus every speaker of a
 * matched village. Areas are added up.
 */
export function alertReach(
  alert: Pick<Alert, 'infos'>,
  villages: readonly ReachVillage[],
  speakers: readonly ReachSpeaker[],
): AlertReach {
  const villageIds = new Set<string>();
  const speakerIds = new Set<string>();
  const unmatchedAreas: string[] = [];
  for (const area of alert.infos.flatMap((info) => info.areas)) {
    const inVillages = villagesInArea(area, villages).map((v) => v.id);
    const inShape = speakers.filter((s) => speakerInShape(s, area)).map((s) => s.id);
    inVillages.forEach((id) => villageIds.add(id));
    inShape.forEach((id) => speakerIds.add(id));
    if (inVillages.length === 0 && inShape.length === 0)
      unmatchedAreas.push(area.desc || area.areaCodes.join(',') || '(area)');
  }
  for (const speaker of speakers) {
    if (speaker.villageId !== null && villageIds.has(speaker.villageId)) speakerIds.add(speaker.id);
  }
  return { villageIds: [...villageIds].sort(), speakerIds: [...speakerIds].sort(), unmatchedAreas };
}

/**
 * Villages an area names: by division code (the area's codes cover the village's or its town's
 * code), and by name in areaDesc. A town named there reaches all its villages, unless the
 * description also names some of them ("清溪镇桃源村": the town only says where 桃源村 is).
 */
function villagesInArea(area: AlertArea, villages: readonly ReachVillage[]): ReachVillage[] {
  const named = (name: string | undefined) =>
    name !== undefined && name.trim().length >= MIN_NAME_LENGTH && area.desc.includes(name.trim());
  const byName = villages.filter((v) => named(v.name));
  const qualifiedTowns = new Set(byName.flatMap((v) => (v.town ? [v.town.name] : [])));
  return villages.filter((village) => {
    const codes = [village.code, ...(village.town ? [village.town.code] : [])];
    if (area.areaCodes.some((alertCode) => codes.some((code) => areaCodeCovers(alertCode, code))))
      return true;
    if (byName.includes(village)) return true;
    return village.town !== undefined && named(village.town.name) && !qualifiedTowns.has(village.town.name);
  });
}

function speakerInShape(speaker: ReachSpeaker, area: AlertArea): boolean {
  if (speaker.latitude === null || speaker.longitude === null) return false;
  const at = { lat: speaker.latitude, lon: speaker.longitude };
  return (
    area.polygons.some((ring) => pointInPolygon(at, ring)) || area.circles.some((c) => pointInCircle(at, c))
  );
}
