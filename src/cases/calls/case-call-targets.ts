import type { DbClient } from '../../directory/db-client';
import { Prisma } from '../../generated/prisma/client';

/** Whom a case call rings: a person (who then acts on the case with their keys) or a department. */
export interface CallTarget {
  /** person:<id> or department:<id>: the actor of what their keys do. */
  target: string;
  number: string;
}

// Each lookup is one scalar subquery (candidates in order, the first with a phone, as [person, number]):
// a deadline action reads it in the same statement as the case's log, and round trips were most of
// a job's time.

/** [personId, e164] of the first candidate (in `rank` order) with a phone, or NULL. */
const firstWithPhone = (candidates: Prisma.Sql) => Prisma.sql`(
  SELECT json_build_array(x.id, ph.e164)
  FROM (VALUES ${candidates}) AS x(rank, id)
  CROSS JOIN LATERAL (SELECT n.e164 FROM "PhoneNumber" n WHERE n."personId" = x.id
                      ORDER BY n.priority, n.id LIMIT 1) ph
  ORDER BY x.rank LIMIT 1)`;

/**
 * The case's assignee, else the grid's duty worker (the roster at `now`, else the grid's first grid
 * worker): the one who should act before the deadline. `now` in epoch ms: the statement may go to the
 * driver, whose reading of a Date depends on the process's time zone.
 */
export function assigneeTargetSql(assigneeId: Prisma.Sql, gridId: Prisma.Sql, now: number): Prisma.Sql {
  const at = Prisma.sql`(TIMESTAMP 'epoch' + ${now}::bigint * INTERVAL '1 millisecond')`;
  return firstWithPhone(Prisma.sql`
    (1, ${assigneeId}::text),
    (2, coalesce(
      (SELECT d."personId" FROM "CaseDuty" d
        WHERE d."gridId" = ${gridId}::text AND d."startsAt" <= ${at} AND d."endsAt" > ${at}
        ORDER BY d."startsAt" DESC LIMIT 1),
      (SELECT p.id FROM "Person" p
        WHERE p."areaId" = ${gridId}::text AND 'GRID_WORKER'::"Role" = ANY (p.roles)
        ORDER BY p."createdAt" LIMIT 1)))`);
}

/** The village's cadre, else a town dispatcher (the first with a phone): who answers for a breach. */
export function supervisorTargetSql(villageId: Prisma.Sql): Prisma.Sql {
  return firstWithPhone(Prisma.sql`
    (1, (SELECT p.id FROM "Person" p
          WHERE p."areaId" = ${villageId}::text AND 'CADRE'::"Role" = ANY (p.roles)
            AND EXISTS (SELECT 1 FROM "PhoneNumber" n WHERE n."personId" = p.id)
          ORDER BY p."createdAt" LIMIT 1)),
    (2, (SELECT p.id FROM "Person" p
          WHERE 'DISPATCHER'::"Role" = ANY (p.roles)
            AND EXISTS (SELECT 1 FROM "PhoneNumber" n WHERE n."personId" = p.id)
          ORDER BY p."createdAt" LIMIT 1))`);
}

/** A target subquery's value as a call target. */
export function personTarget(value: unknown): CallTarget | null {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
  return { target: `person:${value[0]}`, number: value[1] };
}

/** The village's cadre, else a town dispatcher: whom a resident's "not satisfied" goes back to. */
export async function supervisorTarget(
  db: DbClient,
  c: { villageId: string | null },
): Promise<CallTarget | null> {
  const [row] = await db.$queryRaw<{ target: unknown }[]>`
    SELECT ${supervisorTargetSql(Prisma.sql`${c.villageId}`)} AS target`;
  return personTarget(row?.target);
}

/** The department the case was transferred to, at its first number. */
export async function departmentTarget(
  db: DbClient,
  c: { departmentId: string | null },
): Promise<CallTarget | null> {
  if (!c.departmentId) return null;
  const department = await db.caseDepartment.findUnique({
    where: { id: c.departmentId },
    select: { phones: true },
  });
  const number = department?.phones[0];
  return number ? { target: `department:${c.departmentId}`, number } : null;
}
