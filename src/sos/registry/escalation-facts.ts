import type { Db } from '../../db/client';
import type { SosContact } from '../domain';
import { sosContactsOf } from './elder-contacts-registry';
import type { Logger } from '../../logging';
import type { ElderSettings } from './elder-settings';
import { readElderSettingsOrDefaults } from './elder-settings-json';

/** What opening an incident needs to know about the elder. */
export interface EscalationFacts {
  elderId: string;
  name: string;
  gridId: string;
  villageId: string;
  contacts: SosContact[];
  settings: ElderSettings;
}

export async function loadEscalationFacts(
  db: Db,
  elderId: string,
  logger: Logger,
): Promise<EscalationFacts | null> {
  const elder = await db.elder.findUnique({
    where: { id: elderId },
    select: {
      id: true,
      personId: true,
      gridId: true,
      villageId: true,
      settings: true,
      contacts: { orderBy: { position: 'asc' } },
    },
  });
  if (!elder) return null;
  const person = await db.person.findUnique({ where: { id: elder.personId }, select: { name: true } });
  return {
    elderId: elder.id,
    // An elder whose person record vanished is still helped; the message then names no one.
    name: person?.name ?? '',
    gridId: elder.gridId,
    villageId: elder.villageId,
    contacts: sosContactsOf(elder.contacts),
    settings: readElderSettingsOrDefaults(elder.id, elder.settings, logger),
  };
}
