import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert, AlertArea } from '../../../src/broadcasts/alerts/alert';
import { alertReach, type ReachSpeaker, type ReachVillage } from '../../../src/broadcasts/alerts/alert-reach';
import { areaCodeCovers, significantPrefix } from '../../../src/broadcasts/alerts/area-codes';
import { distanceKm, pointInCircle, pointInPolygon } from '../../../src/broadcasts/alerts/area-geometry';
import { parseAlertXml } from '../../../src/broadcasts/alerts/parse-alert-xml';

function fixtureAlert(name: string): Alert {
  const result = parseAlertXml(readFileSync(join(__dirname, '../../fixtures/alerts', name), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.alert;
}

const area = (overrides: Partial<AlertArea>): Pick<Alert, 'infos'> => ({
  infos: [
    {
      language: 'zh-CN',
      event: '暴雨',
      urgency: 'immediate',
      severity: 'severe',
      headline: '',
      description: '',
      instruction: '',
      areas: [{ desc: '', polygons: [], circles: [], geocodes: [], areaCodes: [], ...overrides }],
    },
  ],
});

/** 清溪镇 (town 330110001) with two villages; 石桥村 in another town; 柳湾村 keeps a demo-style code. */
const qingxi = { name: '清溪镇', code: '330110001000' };
const villages: ReachVillage[] = [
  { id: 'taoyuan', name: '桃源村', code: '330110001001', town: qingxi },
  { id: 'xinghua', name: '杏花村', code: '330110001002', town: qingxi },
  { id: 'shiqiao', name: '石桥村', code: '330110002001', town: { name: '南山镇', code: '330110002000' } },
  { id: 'liuwan', name: '柳湾村', code: 'T9-V01', town: { name: '北坞镇', code: 'T9' } },
];
const speakers: ReachSpeaker[] = [
  { id: 'spk-taoyuan-1', villageId: 'taoyuan', latitude: 30.25, longitude: 119.95 },
  { id: 'spk-xinghua-1', villageId: 'xinghua', latitude: 30.35, longitude: 119.95 },
  { id: 'spk-shiqiao-1', villageId: 'shiqiao', latitude: 30.401, longitude: 120.101 },
  { id: 'spk-liuwan-1', villageId: 'liuwan', latitude: null, longitude: null },
  { id: 'spk-unassigned', villageId: null, latitude: 30.21, longitude: 119.91 },
];

describe('division codes', () => {
  it.each([
    ['330000', '33'],
    ['330100', '3301'],
    ['330110', '330110'],
    ['330110000000', '330110'],
    ['330110001000', '330110001'],
    ['330110001001', '330110001001'],
    ['000000', undefined],
    ['T1-V01', undefined],
    ['33011', undefined],
  ])('%s is significant to %s', (code, prefix) => {
    expect(significantPrefix(code)).toBe(prefix);
  });

  it('a county code covers its towns’ villages; a town code only its own; a village code not its town', () => {
    expect(areaCodeCovers('330110', '330110002001')).toBe(true);
    expect(areaCodeCovers('330000', '330110001001')).toBe(true);
    expect(areaCodeCovers('330110001000', '330110001002')).toBe(true);
    expect(areaCodeCovers('330110001000', '330110002001')).toBe(false);
    expect(areaCodeCovers('330110001001', '330110001000')).toBe(false);
    expect(areaCodeCovers('330110', 'T1-V01')).toBe(false);
  });
});

describe('geometry', () => {
  const square: [number, number][] = [
    [30.3, 119.9],
    [30.3, 120.0],
    [30.2, 120.0],
    [30.2, 119.9],
    [30.3, 119.9],
  ];

  it('finds a point inside, outside and on the edge of a polygon', () => {
    expect(pointInPolygon({ lat: 30.25, lon: 119.95 }, square)).toBe(true);
    expect(pointInPolygon({ lat: 30.35, lon: 119.95 }, square)).toBe(false);
    expect(pointInPolygon({ lat: 30.25, lon: 120.05 }, square)).toBe(false);
    expect(pointInPolygon({ lat: 30.3, lon: 119.95 }, square)).toBe(true);
  });

  it('handles a concave polygon (an L-shaped valley)', () => {
    const l: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    expect(pointInPolygon({ lat: 0.5, lon: 1.5 }, l)).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lon: 1.5 }, l)).toBe(false);
  });

  it('measures circles in kilometres on the Earth', () => {
    // One hundredth of a degree of latitude is about 1.11 km.
    expect(distanceKm({ lat: 30, lon: 120 }, { lat: 30.01, lon: 120 })).toBeCloseTo(1.112, 2);
    const circle = { lat: 30.4, lon: 120.1, radiusKm: 2.5 };
    expect(pointInCircle({ lat: 30.42, lon: 120.1 }, circle)).toBe(true);
    expect(pointInCircle({ lat: 30.43, lon: 120.1 }, circle)).toBe(false);
  });
});

describe('which villages and speakers an alert reaches', () => {
  it('a town code reaches the town’s villages and their speakers, not the next town', () => {
    expect(alertReach(area({ areaCodes: ['330110001000'] }), villages, speakers)).toEqual({
      villageIds: ['taoyuan', 'xinghua'],
      speakerIds: ['spk-taoyuan-1', 'spk-xinghua-1'],
      unmatchedAreas: [],
    });
  });

  it('a village without a division code is reached by name in areaDesc', () => {
    expect(alertReach(area({ desc: '北坞镇柳湾村一带' }), villages, speakers)).toMatchObject({
      villageIds: ['liuwan'],
      speakerIds: ['spk-liuwan-1'],
    });
  });

  it('a town named in areaDesc reaches all its villages', () => {
    expect(alertReach(area({ desc: '清溪镇' }), villages, speakers).villageIds).toEqual([
      'taoyuan',
      'xinghua',
    ]);
  });

  it('a polygon and a circle reach the speakers inside them, whatever their village', () => {
    const fromCap = fixtureAlert('cap-rainstorm-zh.xml');
    const shapesOnly = area({
      polygons: fromCap.infos[0]?.areas[0]?.polygons ?? [],
      circles: fromCap.infos[0]?.areas[0]?.circles ?? [],
    });
    expect(alertReach(shapesOnly, villages, speakers)).toEqual({
      villageIds: [],
      speakerIds: ['spk-shiqiao-1', 'spk-taoyuan-1', 'spk-unassigned'],
      unmatchedAreas: [],
    });
  });

  it('the GB/T county-wide gale warning reaches every village with a code in the county', () => {
    const reach = alertReach(fixtureAlert('gbt-gale-blue.xml'), villages, speakers);
    expect(reach.villageIds).toEqual(['shiqiao', 'taoyuan', 'xinghua']);
  });

  it('the exercise for one village reaches that village and the speakers in its polygon', () => {
    const reach = alertReach(fixtureAlert('gbt-flood-exercise.xml'), villages, speakers);
    expect(reach).toEqual({
      villageIds: ['taoyuan'],
      speakerIds: ['spk-taoyuan-1', 'spk-unassigned'],
      unmatchedAreas: [],
    });
  });

  it('says which areas matched nothing', () => {
    expect(alertReach(area({ desc: '东海县', areaCodes: ['320722'] }), villages, speakers)).toEqual({
      villageIds: [],
      speakerIds: [],
      unmatchedAreas: ['东海县'],
    });
  });
});
