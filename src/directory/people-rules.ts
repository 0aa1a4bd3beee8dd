import type { AreaLevel, Role } from '../generated/prisma/client';
import type { FieldProblem } from '../validation/field-problem';
import { parseChinesePhoneNumber } from './phone';

/**
 * Roles that serve one area, and the levels it may be: campaigns hand a grid's unreached households to
 * the grid worker whose area is that grid, and SOS escalates to the cadre of the elder's village.
 */
const SERVED_LEVELS: Partial<Record<Role, readonly AreaLevel[]>> = {
  GRID_WORKER: ['GRID'],
  CADRE: ['VILLAGE', 'TOWN'],
};

/** Numbers in E.164, in the order given; each bad or repeated entry is named by its index. */
export function parsePhoneList(inputs: readonly string[]): { phones: string[]; problems: FieldProblem[] } {
  const phones: string[] = [];
  const problems: FieldProblem[] = [];
  inputs.forEach((input, i) => {
    const parsed = parseChinesePhoneNumber(input);
    if (!parsed.ok) {
      problems.push({ field: `phones[${i}]`, reason: parsed.reason });
      return;
    }
    const earlier = phones.indexOf(parsed.e164);
    // A repeat would be dialled twice in a row; the caller most likely meant another number.
    if (earlier >= 0)
      problems.push({ field: `phones[${i}]`, reason: `the same number as phones[${earlier}]` });
    else phones.push(parsed.e164);
  });
  return { phones, problems };
}

export function nameProblems(name: string): FieldProblem[] {
  return name.trim() === '' ? [{ field: 'name', reason: 'must not be blank' }] : [];
}

/** Roles that need areas of different levels cannot share the one area a person has. */
export function roleProblems(roles: readonly Role[]): FieldProblem[] {
  const serving = roles.filter((role) => SERVED_LEVELS[role] !== undefined);
  if (serving.length < 2) return [];
  return [
    {
      field: 'roles',
      reason: `${serving.join(' and ')} each serve an area of their own, and a person has one area`,
    },
  ];
}

/**
 * Whether the person's area fits their roles, and whether they can be found at all: people are seen
 * through their area or their household's grid, so someone with neither is invisible to every village.
 * `area` is null when no areaId was given.
 */
export function placementProblems(
  roles: readonly Role[],
  area: { name: string; level: AreaLevel } | null,
  hasHousehold: boolean,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const role of roles) {
    const levels = SERVED_LEVELS[role];
    if (levels === undefined) continue;
    const wanted = levels.join(' or ');
    if (area === null) problems.push({ field: 'areaId', reason: `a ${role} needs the ${wanted} they serve` });
    else if (!levels.includes(area.level)) {
      problems.push({
        field: 'areaId',
        reason: `a ${role} serves a ${wanted}, but ${area.name} is a ${area.level}`,
      });
    }
  }
  if (area === null && !hasHousehold && problems.length === 0) {
    problems.push({
      field: 'areaId',
      reason: 'give areaId or householdId: people are found through their area or their household',
    });
  }
  return problems;
}
