import type { DbClient } from '../../directory/db-client';
import { gridAssignee } from '../assignment/grid-assignee';

/** Whom a case call rings: a person (who then acts on the case with their keys) or a department. */
export interface CallTarget {
  /** person:<id> or department:<id>: the actor of what their keys do. */
  target: string;
  number: string;
}

async function personTarget(db: DbClient, personId: string | null | undefined): Promise<CallTarget | null> {
  if (!personId) return null;
  const phone = await db.phoneNumber.findFirst({
    where: { personId },
    orderBy: [{ priority: 'asc' }, { id: 'asc' }],
    select: { e164: true },
  });
  return phone ? { target: `person:${personId}`, number: phone.e164 } : null;
}

/** The case's assignee, else the grid's duty worker: the one who should act before the deadline. */
export async function assigneeTarget(
  db: DbClient,
  c: { assigneeId: string | null; gridId: string | null },
  now: Date,
): Promise<CallTarget | null> {
  return (
    (await personTarget(db, c.assigneeId)) ??
    (c.gridId ? await personTarget(db, await gridAssignee(db, c.gridId, now)) : null)
  );
}

/** The village's cadre, else a town dispatcher: who answers for a breached deadline. */
export async function supervisorTarget(
  db: DbClient,
  c: { villageId: string | null },
): Promise<CallTarget | null> {
  const cadre = c.villageId
    ? await db.person.findFirst({
        where: { areaId: c.villageId, roles: { has: 'CADRE' }, phones: { some: {} } },
        orderBy: { createdAt: 'asc' },
        select: { id: true },
      })
    : null;
  const person =
    cadre ??
    (await db.person.findFirst({
      where: { roles: { has: 'DISPATCHER' }, phones: { some: {} } },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    }));
  return personTarget(db, person?.id);
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
