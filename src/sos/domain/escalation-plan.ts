import { contactsInCallingOrder, type SosContact } from './contacts';

/**
 * sequential: one contact at a time, in calling order.
 * parallel: every family member rings at once, then the grid workers together, then the cadres.
 */
export type EscalationMode = 'sequential' | 'parallel';

/** Contacts called together; the next tier starts only when everyone in this one has been tried. */
export type EscalationTier = readonly SosContact[];

/**
 * The tiers of one round. Contacts without a phone number are left out and a contact listed twice
 * is called once, so a bad contact list still reaches everyone reachable.
 */
export function planEscalation(contacts: readonly SosContact[], mode: EscalationMode): EscalationTier[] {
  const seen = new Set<string>();
  const callable = contactsInCallingOrder(contacts).filter((contact) => {
    if (contact.phones.length === 0 || seen.has(contact.id)) return false;
    seen.add(contact.id);
    return true;
  });
  if (mode === 'sequential') return callable.map((contact) => [contact]);
  const tiers: SosContact[][] = [];
  for (const contact of callable) {
    const last = tiers[tiers.length - 1];
    if (last?.[0]?.role === contact.role) last.push(contact);
    else tiers.push([contact]);
  }
  return tiers;
}
