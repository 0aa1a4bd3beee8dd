import type { CardCommand, PhonebookEntry } from '../card-protocol';
import { contactsInCallingOrder, type SosContact } from '../domain';
import type { FieldProblem } from '../../validation/field-problem';

const PHONEBOOK_NAME_MAX = 20;
const PHONEBOOK_CAPACITY = 10;
const PLATFORM_ENTRY_NAME = '邻里求助';

/**
 * A number as a card on a mainland SIM dials it: mobiles as 11 digits, landlines with their 0 area
 * code. Many card firmwares mishandle a leading +, and a national number always works at home.
 */
export function numberDialledByCard(e164: string): string {
  const national = /^\+86(\d+)$/.exec(e164)?.[1];
  if (national === undefined) return e164;
  return national.startsWith('1') ? national : `0${national}`;
}

/**
 * What a card must be told so its keys reach the right people: the SOS key dials the platform
 * first (linli answers at once and escalates), then the first two contacts in calling order, in
 * case the platform cannot be reached; the phonebook holds the platform and every contact.
 */
export function cardCommandsForContacts(
  contacts: readonly SosContact[],
  platformNumber: string,
): CardCommand[] {
  const reachable = contactsInCallingOrder(contacts).filter((c) => c.phones.length > 0);
  const firstNumber = (c: SosContact) => numberDialledByCard(c.phones[0] ?? '');
  const sosNumbers = [platformNumber, ...reachable.slice(0, 2).map(firstNumber)];
  const entries: PhonebookEntry[] = [
    { name: PLATFORM_ENTRY_NAME, number: platformNumber },
    ...reachable.map((c) => ({ name: phonebookName(c.name), number: firstNumber(c) })),
  ].slice(0, PHONEBOOK_CAPACITY);
  return [
    { type: 'set-sos-numbers', numbers: sosNumbers },
    { type: 'set-phonebook', entries },
  ];
}

/** The card protocol reserves , [ ] * and limits names to 20 characters. */
function phonebookName(name: string): string {
  const cleaned = [...name.replace(/[,[\]*]/g, ' ').trim()].slice(0, PHONEBOOK_NAME_MAX).join('');
  return cleaned === '' ? '联系人' : cleaned;
}

export type CardCommandRequest =
  { type: 'sync-contacts' } | { type: 'set-report-interval'; seconds?: number } | { type: 'locate-now' };

/** The card commands an API request stands for; a report interval without its seconds is an error. */
export function cardCommandsForRequest(
  request: CardCommandRequest,
  contacts: readonly SosContact[],
  platformNumber: string,
): CardCommand[] | FieldProblem {
  switch (request.type) {
    case 'sync-contacts':
      return cardCommandsForContacts(contacts, platformNumber);
    case 'set-report-interval':
      return request.seconds === undefined
        ? { field: 'seconds', reason: 'required for set-report-interval' }
        : [{ type: 'set-upload-interval', seconds: request.seconds }];
    case 'locate-now':
      return [{ type: 'locate-now' }];
  }
}
