import type { Db } from '../../db/client';
import { InvalidInputError, NotFoundError } from '../../directory/errors';
import type { FieldProblem } from '../../validation/field-problem';
import { parseChinesePhoneNumber } from '../../directory/phone';
import type { Role } from '../../generated/prisma/client';
import { contactListProblems, type ContactRole, type SosContact } from '../domain';

export interface ContactInput {
  personId: string;
  role: ContactRole;
  /** Numbers to try, in order; absent means the person's own numbers from the directory. */
  phones?: string[];
}

/** A grid worker or cadre contact must hold that role in the directory; family may be anyone. */
const REQUIRED_ROLE: Partial<Record<ContactRole, Role>> = { grid_worker: 'GRID_WORKER', cadre: 'CADRE' };

/**
 * Checks an ordered contact list against the directory and the SOS rules and returns it as the
 * escalation will call it. Every problem is reported at once (InvalidInputError).
 */
export async function resolveElderContacts(
  db: Db,
  elderPersonId: string,
  inputs: readonly ContactInput[],
): Promise<SosContact[]> {
  const people = await db.person.findMany({
    where: { id: { in: inputs.map((c) => c.personId) } },
    select: {
      id: true,
      name: true,
      roles: true,
      phones: { select: { e164: true }, orderBy: { priority: 'asc' } },
    },
  });
  const personOf = new Map(people.map((p) => [p.id, p]));
  const problems: FieldProblem[] = [];
  const contacts: SosContact[] = [];
  inputs.forEach((input, i) => {
    const field = `contacts[${i}]`;
    const person = personOf.get(input.personId);
    if (!person) {
      problems.push({ field: `${field}.personId`, reason: 'no person with this id in the directory' });
      return;
    }
    if (person.id === elderPersonId)
      problems.push({ field: `${field}.personId`, reason: 'the elder cannot be their own contact' });
    const required = REQUIRED_ROLE[input.role];
    if (required && !person.roles.includes(required)) {
      problems.push({
        field: `${field}.role`,
        reason: `${person.name} does not have the ${required} role in the directory`,
      });
    }
    const phones: string[] = [];
    (input.phones ?? person.phones.map((p) => p.e164)).forEach((raw, j) => {
      const parsed = parseChinesePhoneNumber(raw);
      if (parsed.ok) phones.push(parsed.e164);
      else problems.push({ field: `${field}.phones[${j}]`, reason: parsed.reason });
    });
    contacts.push({ id: person.id, name: person.name, role: input.role, phones });
  });
  if (problems.length === 0) {
    for (const reason of contactListProblems(contacts)) problems.push({ field: 'contacts', reason });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return contacts;
}

/** Replaces an elder's contacts with a list resolveElderContacts accepted. */
export async function saveElderContacts(
  db: Db,
  elderId: string,
  contacts: readonly SosContact[],
): Promise<void> {
  if (!(await db.elder.findUnique({ where: { id: elderId }, select: { id: true } }))) {
    throw new NotFoundError(`no elder with id ${elderId}`);
  }
  await db.$transaction([
    db.elderContact.deleteMany({ where: { elderId } }),
    db.elderContact.createMany({
      data: contacts.map((c, position) => ({
        elderId,
        personId: c.id,
        role: c.role,
        position,
        name: c.name,
        phones: [...c.phones],
      })),
    }),
  ]);
}

/** The stored contacts as the escalation rules take them; a contact's id is their person id. */
export function sosContactsOf(
  rows: { personId: string; role: string; name: string; phones: string[] }[],
): SosContact[] {
  return rows.flatMap((row) =>
    isContactRole(row.role) ? [{ id: row.personId, name: row.name, role: row.role, phones: row.phones }] : [],
  );
}

function isContactRole(role: string): role is ContactRole {
  return role === 'family' || role === 'grid_worker' || role === 'cadre';
}
