import { encodeCommand, type CardCommand } from '../card-protocol';
import type { CardCommandStore, CardGateway, CommandDelivery } from '../gateway';

export interface CardCommandSender {
  send(imei: string, command: CardCommand): Promise<CommandDelivery>;
}

/**
 * Sends through this process's gateway when it runs one (written at once if the card is connected
 * here); otherwise stores the command in Redis, where whichever gateway the card talks to next
 * delivers it, at the latest on the card's next heartbeat.
 */
export function cardCommandSender(
  store: CardCommandStore,
  gateway: () => CardGateway | null,
): CardCommandSender {
  return {
    async send(imei, command) {
      const local = gateway();
      if (local) return local.sendCommand(imei, command);
      const queued = await store.enqueue(imei, encodeCommand(command));
      return { status: 'queued', commandIds: queued.map((c) => c.id) };
    },
  };
}
