import { createServer, type AddressInfo, type Socket } from 'node:net';
import { encodeCommand, type CardCommand } from '../card-protocol';
import { CardConnection, type ConnectionHost } from './card-connection';
import { GatewayStatsRecorder, type CardGatewayStats } from './gateway-stats';
import type { CardGatewayOptions, CommandDelivery } from './gateway-types';

export interface CardGateway {
  readonly address: { host: string; port: number };
  /**
   * Validates the command (CommandValidationError on bad input, nothing queued), stores it in
   * Redis until the card confirms it, and writes it at once if the card is connected here.
   * Otherwise whichever gateway the card next connects to (or heartbeats on) delivers it.
   */
  sendCommand(imei: string, command: CardCommand): Promise<CommandDelivery>;
  isConnected(imei: string): boolean;
  stats(): CardGatewayStats;
  /** Stops accepting cards, lets frames already received be handled, closes every connection. */
  close(): Promise<void>;
}

export async function createCardGateway(options: CardGatewayOptions): Promise<CardGateway> {
  const stats = new GatewayStatsRecorder();
  const byImei = new Map<string, CardConnection>();
  const all = new Set<CardConnection>();
  let nextConnectionId = 1;

  const host: ConnectionHost = {
    options,
    stats,
    claim(imei, connection) {
      const previous = byImei.get(imei);
      byImei.set(imei, connection);
      if (previous && previous !== connection) {
        stats.increment('connectionsReplaced');
        options.logger.info(
          { card: imei, oldConnectionId: previous.id, newConnectionId: connection.id },
          'card reconnected; closing its old connection',
        );
        previous.close();
      }
    },
    release(connection) {
      all.delete(connection);
      if (connection.imei !== undefined && byImei.get(connection.imei) === connection)
        byImei.delete(connection.imei);
    },
  };

  const server = createServer((socket: Socket) => {
    stats.increment('connectionsAccepted');
    all.add(new CardConnection(socket, nextConnectionId++, host));
  });
  server.on('error', (error) => options.logger.error({ err: error }, 'card gateway server error'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  options.logger.info({ host: bound.address, port: bound.port }, 'card gateway listening');

  return {
    address: { host: bound.address, port: bound.port },

    async sendCommand(imei, command) {
      const payloads = encodeCommand(command);
      const queued = await options.commandStore.enqueue(imei, payloads);
      const commandIds = queued.map((c) => c.id);
      const connection = byImei.get(imei);
      if (!connection) return { status: 'queued', commandIds };
      const sent = await connection.flush();
      return { status: commandIds.every((id) => sent.has(id)) ? 'sent' : 'queued', commandIds };
    },

    isConnected: (imei) => byImei.has(imei),

    stats: () => stats.snapshot(byImei.size),

    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...all].map((connection) => connection.drainAndClose()));
      await closed;
      options.logger.info('card gateway closed');
    },
  };
}
