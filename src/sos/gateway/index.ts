export { createCardGateway } from './card-gateway';
export type { CardGateway } from './card-gateway';
export { CommandQueueFullError, createRedisCommandStore } from './command-store';
export type { CardCommandStore } from './command-store';
export type {
  CardGatewayMessage,
  CardGatewayOptions,
  CardMessageContext,
  CommandDelivery,
} from './gateway-types';
