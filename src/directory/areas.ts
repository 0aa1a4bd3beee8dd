import type { AreaLevel } from '../generated/prisma/client';
import type { AreaNode } from './area-tree';
import type { DbClient } from './db-client';
import type { FieldProblem } from '../validation/field-problem';
import { ConflictError, InvalidInputError, NotFoundError } from './errors';
import { isUniqueViolation } from './unique-violation';

export interface NewArea {
  level: AreaLevel;
  name: string;
  code: string;
  parentId?: string | null;
}

/** Which level an area of each level must hang under; a town is a root. */
const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  TOWN: null,
  VILLAGE: 'TOWN',
  GRID: 'VILLAGE',
};

export async function createArea(db: DbClient, input: NewArea): Promise<AreaNode> {
  const name = input.name.trim();
  const code = input.code.trim();
  const parentId = input.parentId ?? null;
  const problems: FieldProblem[] = [];
  if (name === '') problems.push({ field: 'name', reason: 'must not be blank' });
  if (code === '') problems.push({ field: 'code', reason: 'must not be blank' });
  const expectedParent = PARENT_LEVEL[input.level];
  if (expectedParent === null && parentId !== null) {
    problems.push({ field: 'parentId', reason: 'a TOWN is the top of the tree and has no parent' });
  }
  if (expectedParent !== null && parentId === null) {
    problems.push({ field: 'parentId', reason: `a ${input.level} needs a parent ${expectedParent}` });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);

  if (parentId !== null) {
    const parent = await db.area.findUnique({ where: { id: parentId }, select: { level: true, name: true } });
    if (!parent) throw new NotFoundError(`no area with id ${parentId}`);
    if (parent.level !== expectedParent) {
      throw new InvalidInputError([
        {
          field: 'parentId',
          reason: `a ${input.level} belongs to a ${expectedParent}, but ${parent.name} is a ${parent.level}`,
        },
      ]);
    }
  }
  try {
    return await db.area.create({
      data: { level: input.level, name, code, parentId },
      select: { id: true, level: true, name: true, code: true, parentId: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`an area with code ${code} already exists`);
    throw error;
  }
}
