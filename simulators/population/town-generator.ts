import {
  CADRE_TITLES,
  GRID_NAMES,
  LANDMARK_ADDRESSES,
  personName,
  STREETS,
  surname as randomSurname,
  VILLAGE_NAMES,
} from './chinese-names';
import { householdKind, householdMembers, type HouseholdKind } from './household-members';
import type {
  Coordinates,
  Elder,
  FamilyContact,
  Grid,
  Household,
  Population,
  StaffMember,
  Village,
} from './population-types';
import { seededRandom, type SeededRandom } from './seeded-random';
import { TestPhoneNumbers } from './test-phone-numbers';

export interface PopulationOptions {
  /** Same seed, same town. Default "linli". */
  readonly seed?: string | number;
  /** Default 2300. */
  readonly households?: number;
  /** Default 8 (at most 20). */
  readonly villages?: number;
  /** Grids per village, drawn between min and max; default 3 to 6. */
  readonly gridsPerVillage?: { readonly min: number; readonly max: number };
  readonly townName?: string;
  /** Where the town lies; null leaves households without coordinates. Default: a town in Zhejiang's hills. */
  readonly centre?: Coordinates | null;
  /** The year ages are counted from; fixed so that a seed gives the same birth years every year. Default 2026. */
  readonly referenceYear?: number;
}

const DEFAULT_CENTRE: Coordinates = { latitude: 29.7086, longitude: 119.6815 };
const METRES_PER_DEGREE = 111_320;
const LANDMARK_SHARE = 0.06;
const LOW_INCOME_SHARE = 0.06;
const DISABILITY_SHARE = 0.03;

export function generatePopulation(options: PopulationOptions = {}): Population {
  const seed = String(options.seed ?? 'linli');
  const random = seededRandom(seed);
  const householdTotal = options.households ?? 2300;
  const villageTotal = options.villages ?? 8;
  const grids = options.gridsPerVillage ?? { min: 3, max: 6 };
  const referenceYear = options.referenceYear ?? 2026;
  const centre = options.centre === undefined ? DEFAULT_CENTRE : options.centre;
  checkOptions(householdTotal, villageTotal, grids);

  const numbers = new TestPhoneNumbers();
  const townCode = 'T1';
  const villageNames = random.shuffle(VILLAGE_NAMES).slice(0, villageTotal);
  const sizes = splitTotal(random, householdTotal, villageTotal);

  const villages: Village[] = [];
  const households: Household[] = [];
  const elders: Elder[] = [];
  villageNames.forEach((villageName, v) => {
    const villageCode = `${townCode}-V${String(v + 1).padStart(2, '0')}`;
    const villageCentre = centre && offset(centre, random.next() * 2 * Math.PI, random.int(800, 4000));
    const clanSurnames = [randomSurname(random), randomSurname(random)];
    const gridCount = Math.min(random.int(grids.min, grids.max), sizes[v] ?? 1);
    const gridSizes = splitTotal(random, sizes[v] ?? 1, gridCount);
    const addresses = villageAddresses(random, sizes[v] ?? 1);
    let houseNumber = 0;

    const villageGrids: Grid[] = gridSizes.map((gridSize, g) => {
      const gridName = GRID_NAMES[g] ?? `第${g + 1}网格`;
      const gridCode = `${villageCode}-G${g + 1}`;
      for (let h = 0; h < gridSize; h++) {
        houseNumber += 1;
        const familyName = random.chance(0.55) ? random.pick(clanSurnames) : randomSurname(random);
        const kind = householdKind(random);
        const members = householdMembers(random, kind, familyName, referenceYear);
        const household: Household = {
          village: villageName,
          villageCode,
          grid: gridName,
          gridCode,
          ref: `${villageCode}-H${String(houseNumber).padStart(4, '0')}`,
          address: addresses[houseNumber - 1] ?? random.pick(LANDMARK_ADDRESSES),
          coordinates: villageCentre && scatter(random, villageCentre, 150),
          phones: Array.from({ length: kind === 'elder-alone' || random.chance(0.55) ? 1 : 2 }, () =>
            numbers.take(),
          ),
          members,
          tags: householdTags(random, kind),
        };
        households.push(household);
        elders.push(...householdElders(random, household, kind, numbers));
      }
      return {
        name: gridName,
        code: gridCode,
        worker: staffMember(random, '网格员', numbers),
        householdCount: gridSize,
      };
    });

    const cadreTitles = [...CADRE_TITLES.slice(0, 2), random.pick(CADRE_TITLES.slice(2))];
    villages.push({
      name: villageName,
      code: villageCode,
      centre: villageCentre,
      cadres: cadreTitles.map((title) => staffMember(random, title, numbers)),
      grids: villageGrids,
    });
  });

  return {
    seed,
    town: { name: options.townName ?? '清溪镇', code: townCode, centre },
    villages,
    households,
    elders,
  };
}

function checkOptions(households: number, villages: number, grids: { min: number; max: number }): void {
  if (!Number.isInteger(villages) || villages < 1 || villages > VILLAGE_NAMES.length) {
    throw new Error(`villages must be 1 to ${VILLAGE_NAMES.length}, got ${villages}`);
  }
  if (!Number.isInteger(households) || households < villages) {
    throw new Error(`households must be a whole number of at least one per village, got ${households}`);
  }
  if (!(grids.min >= 1 && grids.max >= grids.min && grids.max <= GRID_NAMES.length)) {
    throw new Error(`gridsPerVillage must satisfy 1 <= min <= max <= ${GRID_NAMES.length}`);
  }
}

/** Splits total into parts of uneven but similar size, each at least 1. */
function splitTotal(random: SeededRandom, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.6 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor(((total - parts) * w) / sum) + 1));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % parts) {
    const size = sizes[i] ?? 1;
    if (rest < 0 && size <= 1) continue;
    sizes[i] = size + Math.sign(rest);
    rest -= Math.sign(rest);
  }
  return sizes;
}

/** House addresses along the village's lanes in walking order (so grids are neighbourhoods), a few by landmark. */
function villageAddresses(random: SeededRandom, count: number): string[] {
  const streets = random.shuffle(STREETS).slice(0, random.int(4, STREETS.length));
  const perStreet = Math.ceil(count / streets.length);
  const addresses: string[] = [];
  for (const street of streets) {
    let number = 0;
    for (let i = 0; i < perStreet && addresses.length < count; i++) {
      number += random.int(1, 3);
      addresses.push(
        random.chance(LANDMARK_SHARE) ? random.pick(LANDMARK_ADDRESSES) : `${street}${number}号`,
      );
    }
  }
  return addresses;
}

function householdTags(random: SeededRandom, kind: HouseholdKind): string[] {
  const tags: string[] = [];
  if (kind === 'elder-alone') tags.push('独居老人');
  if (kind === 'elder-couple') tags.push('空巢老人');
  if (random.chance(LOW_INCOME_SHARE)) tags.push('低保户');
  if (random.chance(DISABILITY_SHARE)) tags.push('残疾人');
  return tags;
}

/**
 * Elders get a love-card phone and the family's 1-3 contacts, shared by an elder couple; in a
 * three-generation household the head (their son, at the household's phone) comes first.
 */
function householdElders(
  random: SeededRandom,
  household: Household,
  kind: HouseholdKind,
  numbers: TestPhoneNumbers,
): Elder[] {
  const elders = household.members.filter((member) => member.role === 'elder');
  const [head] = household.members;
  const first = elders[0];
  if (!head || !first) return [];
  const contacts: FamilyContact[] = [];
  if (first.relation === '父母')
    contacts.push({ name: head.name, relation: '儿子', phone: household.phones[0] ?? '' });
  const familyName = (elders.find((elder) => elder.sex === 'male') ?? first).name.slice(0, 1);
  const wanted = random.int(1, 3);
  while (contacts.length < wanted) contacts.push(relative(random, familyName, numbers));
  return elders.map((elder) => ({
    name: elder.name,
    village: household.village,
    grid: household.grid,
    householdRef: household.ref,
    birthYear: elder.birthYear,
    livesAlone: kind === 'elder-alone',
    cardPhone: numbers.take(),
    contacts,
  }));
}

/** A son, daughter or nephew, usually working in a city. */
function relative(random: SeededRandom, familyName: string, numbers: TestPhoneNumbers): FamilyContact {
  const relation = random.weighted([
    ['儿子', 5],
    ['女儿', 4],
    ['侄子', 1],
  ] as const);
  const sex = relation === '女儿' ? 'female' : 'male';
  return { name: personName(random, familyName, sex, 'middle'), relation, phone: numbers.take() };
}

function staffMember(random: SeededRandom, title: string, numbers: TestPhoneNumbers): StaffMember {
  return {
    name: personName(random, randomSurname(random), random.chance(0.6) ? 'male' : 'female', 'middle'),
    title,
    phone: numbers.take(),
  };
}

function offset(from: Coordinates, bearing: number, metres: number): Coordinates {
  const north = Math.cos(bearing) * metres;
  const east = Math.sin(bearing) * metres;
  return {
    latitude: round6(from.latitude + north / METRES_PER_DEGREE),
    longitude: round6(
      from.longitude + east / (METRES_PER_DEGREE * Math.cos((from.latitude * Math.PI) / 180)),
    ),
  };
}

function scatter(random: SeededRandom, centre: Coordinates, spreadMetres: number): Coordinates {
  return offset(centre, random.next() * 2 * Math.PI, Math.abs(random.normal(0, spreadMetres)));
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
