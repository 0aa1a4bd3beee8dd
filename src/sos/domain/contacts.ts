/** Who linli calls for an elder, in the order the family agreed on. */
export type ContactRole = 'family' | 'grid_worker' | 'cadre';

export interface SosContact {
  id: string;
  name: string;
  role: ContactRole;
  /** Numbers to try for this person, most likely to be answered first. */
  phones: readonly string[];
}

const MAX_FAMILY_CONTACTS = 3;

const ROLE_RANK: Record<ContactRole, number> = { family: 0, grid_worker: 1, cadre: 2 };

/**
 * Family first (in their own order), then grid workers, then cadres: relatives are nearest and
 * most trusted, the grid worker covers the village, the cadre is the last resort.
 */
export function contactsInCallingOrder(contacts: readonly SosContact[]): SosContact[] {
  return contacts
    .map((contact, index) => ({ contact, index }))
    .sort((a, b) => ROLE_RANK[a.contact.role] - ROLE_RANK[b.contact.role] || a.index - b.index)
    .map(({ contact }) => contact);
}

/** Problems an operator must fix when saving an elder's contacts; an SOS still calls whoever is reachable. */
export function contactListProblems(contacts: readonly SosContact[]): string[] {
  const problems: string[] = [];
  const family = contacts.filter((c) => c.role === 'family').length;
  if (family > MAX_FAMILY_CONTACTS) {
    problems.push(`${family} family contacts; at most ${MAX_FAMILY_CONTACTS} are allowed`);
  }
  for (const contact of contacts) {
    if (contact.phones.length === 0)
      problems.push(`contact ${contact.id} (${contact.name}) has no phone number`);
  }
  const ids = new Set<string>();
  for (const contact of contacts) {
    if (ids.has(contact.id)) problems.push(`contact ${contact.id} is listed twice`);
    ids.add(contact.id);
  }
  if (!contacts.some((c) => c.phones.length > 0)) problems.push('nobody can be called');
  return problems;
}
