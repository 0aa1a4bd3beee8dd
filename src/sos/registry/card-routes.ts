import { audit } from '../../audit/audit-log';
import { isAreaInScope, requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { conflict, notFound } from '../../api/errors';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { InvalidInputError } from '../../directory/errors';
import { CommandValidationError } from '../card-protocol';
import type { CardCommandSender } from '../cards/card-command-sender';
import { CommandQueueFullError } from '../gateway';
import { cardCommandsForRequest } from './card-settings-commands';
import { findCard, registerCard } from './card-registry';
import { sosContactsOf } from './elder-contacts-registry';
import { elderInScope } from './elder-routes';
import { cardCommandBodySchema, cardViewSchema, newCardBodySchema } from './registry-schemas';

const writers = requireRole('GRID_WORKER', 'CADRE');
const tags = ['sos'];

const deliverySchema = {
  type: 'object',
  properties: {
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          command: { type: 'string' },
          status: {
            type: 'string',
            enum: ['sent', 'queued'],
            description: 'queued: delivered when the card next reports',
          },
          commandIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Registering love cards (an elder's, under /api/v1/elders) and telling them what to do (/api/v1/cards). */
export function cardRoutes(deps: {
  db: Db;
  commands: CardCommandSender;
  platformSosNumber: string;
}): RouteRegistrar {
  const { db } = deps;
  const elderCards = mountedAt('/api/v1/elders', async (app) => {
    app.post(
      '/:id/cards',
      {
        preHandler: writers,
        schema: {
          tags,
          summary:
            'Register a love card to the elder: its IMEI admits it to the gateway, its SIM number identifies its SOS calls',
          params: idParamsSchema,
          body: newCardBodySchema,
          response: { 201: cardViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const elder = await elderInScope(db, request, request.params.id);
        const card = await registerCard(db, elder.id, request.body);
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'card.register',
          subject: `card:${card.id}`,
          details: { elderId: elder.id, imei: card.imei, simNumber: card.simNumber },
        });
        return reply.code(201).send(card);
      },
    );
  });

  const cardCommands = mountedAt('/api/v1/cards', async (app) => {
    app.post(
      '/:id/commands',
      {
        preHandler: writers,
        schema: {
          tags,
          summary:
            'Send a command to a card; kept until the card confirms it, so an offline card gets it later',
          params: idParamsSchema,
          body: cardCommandBodySchema,
          response: { 202: deliverySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const card = await findCard(db, request.params.id);
        if (!card || !(await isAreaInScope(request, card.elder.gridId)))
          throw notFound(`no card with id ${request.params.id}`);
        const commands = cardCommandsForRequest(
          request.body,
          sosContactsOf(card.elder.contacts),
          deps.platformSosNumber,
        );
        if (!Array.isArray(commands)) throw new InvalidInputError([commands]);
        const deliveries = [];
        try {
          for (const command of commands) {
            deliveries.push({ command: command.type, ...(await deps.commands.send(card.imei, command)) });
          }
        } catch (error) {
          if (error instanceof CommandValidationError) {
            const field = request.body.type === 'set-report-interval' ? 'seconds' : 'type';
            throw new InvalidInputError([{ field, reason: error.message }]);
          }
          if (error instanceof CommandQueueFullError) throw conflict(error.message);
          throw error;
        }
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'card.command',
          subject: `card:${card.id}`,
          details: {
            request: { ...request.body },
            deliveries: deliveries.map((d) => ({ command: d.command, status: d.status })),
          },
        });
        return reply.code(202).send({ deliveries });
      },
    );
  });

  return async (app) => {
    await elderCards(app);
    await cardCommands(app);
  };
}
