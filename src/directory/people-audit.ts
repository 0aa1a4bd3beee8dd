import type { Prisma } from '../generated/prisma/client';
import type { PersonView } from './people';

/** What a person was registered with, as the audit log keeps it. */
export function personCreatedDetails(person: PersonView): Prisma.InputJsonObject {
  return {
    name: person.name,
    roles: person.roles,
    areaId: person.area?.id ?? null,
    householdId: person.household?.id ?? null,
    phones: person.phones,
  };
}

/** The fields an edit changed, each as { from, to }; an edit that changed nothing gives {}. */
export function personChangedDetails(before: PersonView, after: PersonView): Prisma.InputJsonObject {
  const fields = {
    name: [before.name, after.name],
    areaId: [before.area?.id ?? null, after.area?.id ?? null],
    phones: [before.phones, after.phones],
  } as const;
  const changed: Record<string, Prisma.InputJsonObject> = {};
  for (const [field, [from, to]] of Object.entries(fields)) {
    if (JSON.stringify(from) !== JSON.stringify(to)) changed[field] = { from, to };
  }
  return changed;
}
