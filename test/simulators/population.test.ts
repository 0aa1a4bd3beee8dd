import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { householdsCsv, HOUSEHOLDS_CSV_HEADER } from '../../simulators/population/households-csv';
import { isTestPhoneNumber } from '../../simulators/population/test-phone-numbers';
import { generatePopulation } from '../../simulators/population/town-generator';

describe('population generator', () => {
  const town = generatePopulation();

  it('makes the same town from the same seed, and another from another seed', () => {
    expect(JSON.parse(JSON.stringify(generatePopulation()))).toEqual(JSON.parse(JSON.stringify(town)));
    const other = generatePopulation({ seed: 'another town' });
    expect(other.households.map((h) => h.members[0]?.name)).not.toEqual(
      town.households.map((h) => h.members[0]?.name),
    );
  });

  it('builds a town of 2300 households in 8 villages, each with grids, a grid worker per grid and cadres', () => {
    expect(town.households).toHaveLength(2300);
    expect(town.villages).toHaveLength(8);
    expect(new Set(town.villages.map((v) => v.name)).size).toBe(8);
    for (const village of town.villages) {
      expect(village.name).toMatch(/村$/);
      expect(village.grids.length).toBeGreaterThanOrEqual(3);
      expect(village.grids.length).toBeLessThanOrEqual(6);
      expect(village.cadres.map((c) => c.title)).toEqual(
        expect.arrayContaining(['党支部书记', '村委会主任']),
      );
      for (const grid of village.grids) {
        expect(grid.worker.title).toBe('网格员');
        expect(town.households.filter((h) => h.gridCode === grid.code)).toHaveLength(grid.householdCount);
      }
    }
  });

  it('gives every person and household valid Chinese mobile numbers from the test range only', () => {
    const numbers = [
      ...town.households.flatMap((h) => h.phones),
      ...town.elders.flatMap((e) => [e.cardPhone, ...e.contacts.map((c) => c.phone)]),
      ...town.villages.flatMap((v) => [
        ...v.cadres.map((c) => c.phone),
        ...v.grids.map((g) => g.worker.phone),
      ]),
    ];
    for (const number of new Set(numbers)) {
      expect(isTestPhoneNumber(number)).toBe(true);
      const parsed = parsePhoneNumberFromString(number);
      expect(parsed?.isValid()).toBe(true);
      expect(parsed?.getType()).toBe('MOBILE');
    }
    const householdPhones = town.households.flatMap((h) => h.phones);
    expect(new Set(householdPhones).size).toBe(householdPhones.length);
    expect(town.households.every((h) => h.phones.length >= 1 && h.phones.length <= 2)).toBe(true);
  });

  it('lists elders of 65 and over with a card phone and one to three family contacts', () => {
    expect(town.elders.length).toBeGreaterThan(300);
    for (const elder of town.elders) {
      expect(2026 - elder.birthYear).toBeGreaterThanOrEqual(65);
      expect(elder.contacts.length).toBeGreaterThanOrEqual(1);
      expect(elder.contacts.length).toBeLessThanOrEqual(3);
      const household = town.households.find((h) => h.ref === elder.householdRef);
      expect(household?.members.some((m) => m.name === elder.name && m.role === 'elder')).toBe(true);
    }
    const alone = town.households.filter((h) => h.tags.includes('独居老人'));
    expect(alone.length).toBeGreaterThan(50);
    expect(alone.every((h) => h.members.length === 1)).toBe(true);
  });

  it('places households near the town centre, and leaves coordinates out when asked', () => {
    const centre = town.town.centre;
    if (!centre) throw new Error('default town has a centre');
    for (const household of town.households) {
      expect(Math.abs((household.coordinates?.latitude ?? 0) - centre.latitude)).toBeLessThan(0.06);
      expect(Math.abs((household.coordinates?.longitude ?? 0) - centre.longitude)).toBeLessThan(0.06);
    }
    const noMap = generatePopulation({ centre: null, households: 50, villages: 2 });
    expect(noMap.households.every((h) => h.coordinates === null)).toBe(true);
  });

  it('writes the households CSV in the import format, one row per household', () => {
    const rows: string[][] = parse(householdsCsv(town));
    expect(rows[0]).toEqual([...HOUSEHOLDS_CSV_HEADER]);
    expect(rows).toHaveLength(town.households.length + 1);
    const first = town.households[0];
    const [village, grid, ref, address, lat, lon, phones, members, tags] = rows[1] ?? [];
    expect([village, grid, ref, address]).toEqual([first?.village, first?.grid, first?.ref, first?.address]);
    expect(Number(lat)).toBeCloseTo(first?.coordinates?.latitude ?? NaN, 6);
    expect(Number(lon)).toBeCloseTo(first?.coordinates?.longitude ?? NaN, 6);
    expect(phones?.split(';')).toEqual(first?.phones);
    expect(members?.split(';')).toEqual(first?.members.map((m) => `${m.name}:${m.role}`));
    expect(tags).toBe(first?.tags.join(';'));
    expect(address).toMatch(/号$|侧|后|对面|下|边|头|旁|北|隔壁/);
  });

  it('refuses impossible sizes', () => {
    expect(() => generatePopulation({ villages: 21 })).toThrow(/villages must be 1 to 20/);
    expect(() => generatePopulation({ households: 3, villages: 4 })).toThrow(/at least one per village/);
  });
});
