import { ageWords, describeLocation, distanceWords, type Place } from '../../../src/sos/domain';

const MIN = 60_000;
// Near 30.274°N one metre is about 0.000008983° of latitude and 0.000010392° of longitude.
const LAT_PER_M = 1 / 111_195;
const LON_PER_M = 1 / 96_222;

const eastLane: Place = { label: '东巷12号', lat: 30.274, lon: 120.155 };
const temple: Place = { label: '土地庙', lat: 30.28, lon: 120.155 };
const offset = (from: Place, northM: number, eastM: number) => ({
  lat: from.lat + northM * LAT_PER_M,
  lon: from.lon + eastM * LON_PER_M,
});
const fresh = { accuracyM: 15, ageMs: 0 };

describe('describeLocation', () => {
  it.each([
    ['at the place', 0, 0, '东巷12号附近'],
    ['40 m away', 30, -25, '东巷12号附近'],
    ['200 m to the north-east', 141, 141, '东巷12号东北方向约200米'],
    ['300 m east', 0, 300, '东巷12号以东约300米'],
    ['130 m south', -130, 0, '东巷12号以南约130米'],
    ['90 m south-west', -64, -64, '东巷12号西南方向约90米'],
    ['1.5 km west', 0, -1500, '东巷12号以西约1.5公里'],
    ['north-west', 100, -100, '东巷12号西北方向约140米'],
    ['south-east', -100, 100, '东巷12号东南方向约140米'],
  ])('%s of the nearest place', (_name, northM, eastM, words) => {
    expect(describeLocation({ ...offset(eastLane, northM, eastM), ...fresh }, [temple, eastLane])).toBe(
      words,
    );
  });

  it('names the nearest place, not the first one listed', () => {
    expect(describeLocation({ ...offset(temple, 100, 0), ...fresh }, [eastLane, temple])).toBe(
      '土地庙以北约100米',
    );
  });

  it.each([
    ['accurate and fresh', 100, 4 * MIN, '东巷12号附近'],
    ['poor accuracy', 480, 0, '东巷12号附近，位置误差约500米'],
    ['old', 15, 15 * MIN, '东巷12号附近，15分钟前定位'],
    ['poor and old', 1234, 80 * MIN, '东巷12号附近，位置误差约1.2公里，1小时20分钟前定位'],
  ])('%s', (_name, accuracyM, ageMs, words) => {
    expect(describeLocation({ ...eastLane, accuracyM, ageMs }, [eastLane])).toBe(words);
  });

  it('takes its thresholds as options', () => {
    const position = { ...offset(eastLane, 80, 0), accuracyM: 60, ageMs: 2 * MIN };
    expect(describeLocation(position, [eastLane], { nearbyM: 100, poorAccuracyM: 50, oldAfterMs: MIN })).toBe(
      '东巷12号附近，位置误差约60米，2分钟前定位',
    );
  });

  it('falls back to coordinates when the village has no places on the map', () => {
    expect(describeLocation({ lat: 30.274084, lon: 120.15507, ...fresh }, [])).toBe(
      '北纬30.2741度、东经120.1551度附近',
    );
  });
});

describe('distanceWords', () => {
  it.each([
    [3, '10米'],
    [64, '60米'],
    [134, '130米'],
    [296, '300米'],
    [620, '600米'],
    [980, '1公里'],
    [1540, '1.5公里'],
    [9960, '10公里'],
    [12_345, '12公里'],
  ])('%d m → %s', (metres, words) => {
    expect(distanceWords(metres)).toBe(words);
  });
});

describe('ageWords', () => {
  it.each([
    [15 * MIN, '15分钟前'],
    [59 * MIN + 20_000, '59分钟前'],
    [60 * MIN, '1小时前'],
    [80 * MIN, '1小时20分钟前'],
    [3 * 24 * 60 * MIN, '3天前'],
  ])('%d ms → %s', (ms, words) => {
    expect(ageWords(ms)).toBe(words);
  });
});
