export { createCardGateway } from './card-gateway';
export type { CardGateway } from './card-gateway';
export { CommandQueueFullError, createRedisCommandStore } from './command-store';
export type { CardCommandStore, PendingCommand, RedisCommandStoreOptions } from './command-store';
export type { CardGatewayStats } from './gateway-stats';
export type {
  CardGatewayMessage,
  CardGatewayOptions,
  CardMessageContext,
  CommandDelivery,
  InvalidCardMessage,
} from './gateway-types';
