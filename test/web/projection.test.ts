import { projectionFor } from '../../web/src/map/projection';

describe("the dashboard's town map projection", () => {
  const home = { lat: 29.7086, lon: 119.6815 };
  // About 200 m north and 200 m east of home.
  const northEast = { lat: 29.7104, lon: 119.68357 };

  it('draws north up and east to the right, everything inside the drawing', () => {
    const map = projectionFor([home, northEast]);
    if (!map) throw new Error('no projection');
    const a = map.project(home);
    const b = map.project(northEast);
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.y).toBeLessThan(a.y);
    for (const p of [a, b]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(map.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(map.height);
    }
  });

  it('keeps metres the same length both ways, so an accuracy circle is a circle on the ground', () => {
    const map = projectionFor([home, northEast]);
    if (!map) throw new Error('no projection');
    const a = map.project(home);
    const b = map.project(northEast);
    const east = 200 * map.unitsPerMetre;
    expect(Math.abs(b.x - a.x - east) / east).toBeLessThan(0.05);
    expect(Math.abs(a.y - b.y - east) / east).toBeLessThan(0.05);
  });

  it('draws nothing without points and a one-house village a few hundred metres wide', () => {
    expect(projectionFor([])).toBeNull();
    const single = projectionFor([home]);
    expect(single?.project(home)).toEqual({ x: 500, y: (single?.height ?? 0) / 2 });
    expect(1000 / (single?.unitsPerMetre ?? 1)).toBeGreaterThan(300);
  });
});
