import type { Prisma } from '../../generated/prisma/client';
import type { ContactRole } from '../domain';
import { elderSettingsView, type ElderSettingsView } from './elder-settings';
import { readElderSettings } from './elder-settings-json';

interface ElderContactView {
  personId: string;
  role: ContactRole;
  position: number;
  name: string;
  /** E.164, tried in this order. */
  phones: string[];
}

export interface CardView {
  id: string;
  imei: string;
  simNumber: string;
  model: string;
  lastSeenAt: Date | null;
  battery: number | null;
}

export interface ElderView {
  id: string;
  personId: string;
  name: string;
  householdId: string;
  address: string;
  gridId: string;
  villageId: string;
  notes: string;
  dialect: string | null;
  settings: ElderSettingsView;
  contacts: ElderContactView[];
  cards: CardView[];
  createdAt: Date;
}

export const cardSelect = {
  id: true,
  imei: true,
  simNumber: true,
  model: true,
  lastSeenAt: true,
  battery: true,
} as const satisfies Prisma.CardSelect;

export const elderInclude = {
  contacts: { orderBy: { position: 'asc' } },
  cards: { select: cardSelect, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.ElderInclude;

export type ElderRow = Prisma.ElderGetPayload<{ include: typeof elderInclude }>;

/** Elder has no relations to Person and Household in the schema, so their names come alongside. */
export function toElderView(
  row: ElderRow,
  person: { name: string },
  household: { address: string },
): ElderView {
  return {
    id: row.id,
    personId: row.personId,
    name: person.name,
    householdId: row.householdId,
    address: household.address,
    gridId: row.gridId,
    villageId: row.villageId,
    notes: row.notes,
    dialect: row.dialect,
    settings: elderSettingsView(readElderSettings(row.id, row.settings)),
    contacts: row.contacts.map((c) => ({
      personId: c.personId,
      role: c.role as ContactRole,
      position: c.position,
      name: c.name,
      phones: c.phones,
    })),
    cards: row.cards,
    createdAt: row.createdAt,
  };
}
