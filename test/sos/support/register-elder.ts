import type { Db } from '../../../src/db/client';
import { registerCard } from '../../../src/sos/registry/card-registry';
import { resolveElderContacts, saveElderContacts } from '../../../src/sos/registry/elder-contacts-registry';
import { createElder, placeElder } from '../../../src/sos/registry/elder-registry';
import type { ElderSettingsInput } from '../../../src/sos/registry/elder-settings';
import { seedSosVillage, type SosVillage } from './sos-village';

export type ContactName = 'family1' | 'family2' | 'gridWorker' | 'cadre';

export interface RegisteredElder {
  elderId: string;
  village: SosVillage;
  /** The card's SIM number as its SOS calls show it. */
  cardSim: string;
  /** Each contact's person id (a contact's id in the escalation) and phone, by name. */
  contacts: Record<ContactName, { personId: string; phone: string }>;
}

let serial = 0;

/**
 * An elder in a village of their own, registered through the registry's functions (as the API does):
 * the given contacts in calling order with the given settings, and a love card. Every phone number,
 * the card's IMEI and SIM are new, so one database holds many elders without their calls mixing.
 */
export async function registerElder(
  db: Db,
  contactOrder: readonly ContactName[],
  settings: ElderSettingsInput,
): Promise<RegisteredElder> {
  const n = ++serial;
  const number = (i: number) => `+86139${String(n).padStart(4, '0')}${String(i).padStart(4, '0')}`;
  const phones: [string, string, string, string] = [number(1), number(2), number(3), number(4)];
  const village = await seedSosVillage(db, phones, `fake-${n}-${Date.now().toString(36)}`);
  const elder = await createElder(db, await placeElder(db, village.elderPersonId), { settings });
  const contacts: RegisteredElder['contacts'] = {
    family1: { personId: village.family[0]?.personId ?? '', phone: phones[0] },
    family2: { personId: village.family[1]?.personId ?? '', phone: phones[1] },
    gridWorker: { personId: village.gridWorker.personId, phone: phones[2] },
    cadre: { personId: village.cadre.personId, phone: phones[3] },
  };
  const role = { family1: 'family', family2: 'family', gridWorker: 'grid_worker', cadre: 'cadre' } as const;
  const resolved = await resolveElderContacts(
    db,
    village.elderPersonId,
    contactOrder.map((name) => ({ personId: contacts[name].personId, role: role[name] })),
  );
  await saveElderContacts(db, elder.id, resolved);
  const cardSim = `1380${String(n).padStart(7, '0')}`;
  await registerCard(db, elder.id, { imei: `8637370${String(n).padStart(8, '0')}`, simNumber: cardSim });
  return { elderId: elder.id, village, cardSim, contacts };
}
