import type { Logger } from '../../logging';
import type { CardFrameHeader, CardMessage, ContentProblem } from '../card-protocol';
import type { CardCommandStore } from './command-store';

/** A frame whose content failed validation; still delivered so an SOS with one bad field is not lost. */
interface InvalidCardMessage {
  kind: 'invalid';
  header: CardFrameHeader;
  keyword: string;
  problem: ContentProblem;
  content: Buffer;
}

export type CardGatewayMessage = CardMessage | InvalidCardMessage;

export interface CardMessageContext {
  imei: string;
  remoteAddress: string;
  receivedAt: Date;
  /** Distinguishes successive connections of the same card in logs. */
  connectionId: number;
}

export interface CardGatewayOptions {
  host: string;
  /** 0 picks a free port; read it back from `gateway.address`. */
  port: number;
  isKnownDevice(imei: string): Promise<boolean>;
  /**
   * Called once per frame, in order per card. Every frame but LK (an AL above all) is answered only
   * after this resolves, so a failure here makes the card send it again. Keep it quick (enqueue work).
   */
  onMessage(message: CardGatewayMessage, context: CardMessageContext): Promise<void>;
  commandStore: CardCommandStore;
  logger: Logger;
  /** Connections silent for this long are closed (default 10 minutes; cards heartbeat every 1-5). */
  idleTimeoutMs?: number;
  /** Frames announcing more content are dropped (default 65535). */
  maxContentLength?: number;
}

export interface CommandDelivery {
  /** "sent": written to the card's connection on this gateway; "queued": waits for the card in Redis. */
  status: 'sent' | 'queued';
  commandIds: string[];
}
