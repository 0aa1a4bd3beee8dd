import type { Db } from '../../db/client';
import { UnreadableJsonError } from '../../db/versioned-json';
import type { SosContact } from '../domain';
import { sosContactsOf } from './elder-contacts-registry';
import { resolveElderSettings, type ElderSettings } from './elder-settings';
import { readElderSettings } from './elder-settings-json';

/** What opening an incident needs to know about the elder. */
export interface EscalationFacts {
  elderId: string;
  name: string;
  gridId: string;
  villageId: string;
  contacts: SosContact[];
  settings: ElderSettings;
}

export async function loadEscalationFacts(db: Db, elderId: string): Promise<EscalationFacts | null> {
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
    settings: settingsForSos(elder.id, elder.settings),
  };
}

/** An SOS must still reach someone when the elder's settings cannot be read, so the defaults apply then. */
function settingsForSos(elderId: string, json: unknown): ElderSettings {
  try {
    return readElderSettings(elderId, json);
  } catch (error) {
    if (error instanceof UnreadableJsonError) return resolveElderSettings({});
    throw error;
  }
}
