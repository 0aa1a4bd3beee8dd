import type { FromSchema } from 'json-schema-to-ts';
import type { Db } from '../../db/client';
import { ConflictError, InvalidInputError, NotFoundError } from '../../directory/errors';
import { isUniqueViolation } from '../../directory/unique-violation';
import { parseCardSimNumber } from './card-sim-number';
import { cardSelect, type CardView } from './elder-view';
import type { newCardBodySchema } from './registry-schemas';

export type NewCard = FromSchema<typeof newCardBodySchema>;

/** Registers a love card to an elder; the IMEI admits it to the gateway, the SIM number matches its SOS calls. */
export async function registerCard(db: Db, elderId: string, input: NewCard): Promise<CardView> {
  const sim = parseCardSimNumber(input.simNumber);
  if (!sim.ok) throw new InvalidInputError([{ field: 'simNumber', reason: sim.reason }]);
  if (!(await db.elder.findUnique({ where: { id: elderId }, select: { id: true } }))) {
    throw new NotFoundError(`no elder with id ${elderId}`);
  }
  try {
    return await db.card.create({
      data: { elderId, imei: input.imei, simNumber: sim.e164, model: input.model ?? '' },
      select: cardSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `a card with IMEI ${input.imei} or SIM number ${sim.e164} is already registered`,
      );
    }
    throw error;
  }
}

/** A card with the elder's area, for scope checks before a command is sent. */
export async function findCard(db: Db, cardId: string) {
  return db.card.findUnique({
    where: { id: cardId },
    select: {
      ...cardSelect,
      elder: { select: { id: true, gridId: true, contacts: { orderBy: { position: 'asc' } } } },
    },
  });
}
