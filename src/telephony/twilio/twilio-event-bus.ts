import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logging';
import type { CallEvent, InboundCall } from '../call-events';
import type { TwilioKeys } from './call-keys';

/** What travels between linli processes about Twilio calls. */
export type BusMessage =
  /** A call about to be placed: it counts on its trunk from now on. */
  | { kind: 'placed'; callId: string; trunk: string }
  /** A call Twilio refused: it never existed, so it ends without an event. */
  | { kind: 'unplaced'; callId: string }
  | { kind: 'event'; event: CallEvent }
  | { kind: 'inbound'; call: InboundCall; trunk: string };

type Wire =
  | Exclude<BusMessage, { kind: 'event' | 'inbound' }>
  | { kind: 'event'; event: Omit<CallEvent, 'at'> & { at: string } }
  | { kind: 'inbound'; call: Omit<InboundCall, 'at'> & { at: string }; trunk: string };

/**
 * Call events over Redis pub/sub: Twilio's webhooks reach any API process while the call was placed by
 * a worker, so the process that hears a webhook publishes what it means and every process (the one
 * that placed the call included) hears it. Publishing is awaited before a webhook is answered, so
 * events keep the order in which Twilio caused them.
 */
export class TwilioEventBus extends EventEmitter<{ message: [BusMessage] }> {
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: TwilioKeys,
    private readonly logger: Logger,
  ) {
    super();
    this.setMaxListeners(0);
  }

  async publish(message: BusMessage): Promise<void> {
    await this.redis.publish(this.keys.events, JSON.stringify(message));
  }

  /** Starts hearing what every process publishes (a connection of its own: a subscriber can do nothing else). */
  async subscribe(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.keys.events) return;
      const message = parseMessage(text);
      if (message) this.emit('message', message);
      else this.logger.warn({ text: text.slice(0, 200) }, 'malformed Twilio bus message ignored');
    });
    await this.subscriber.subscribe(this.keys.events);
  }

  get subscribed(): boolean {
    return this.subscriber?.status === 'ready';
  }

  async close(): Promise<void> {
    this.removeAllListeners();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }
}

function parseMessage(text: string): BusMessage | null {
  let wire: Wire;
  try {
    wire = JSON.parse(text) as Wire;
  } catch {
    return null;
  }
  switch (wire?.kind) {
    case 'placed':
    case 'unplaced':
      return typeof wire.callId === 'string' ? wire : null;
    case 'event':
      return { kind: 'event', event: { ...wire.event, at: new Date(wire.event.at) } as CallEvent };
    case 'inbound':
      return { kind: 'inbound', call: { ...wire.call, at: new Date(wire.call.at) }, trunk: wire.trunk };
    default:
      return null;
  }
}
