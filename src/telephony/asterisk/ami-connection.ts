import { EventEmitter } from 'node:events';
import AsteriskManager, { type AmiRawMessage, type AsteriskManager as Manager } from 'asterisk-manager';
import type { AmiServerConfig } from '../../config/telephony-config';
import type { Logger } from '../../logging';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from './ami-errors';

/** An AMI message flattened to strings; repeated headers keep their last value. */
export type AmiMessage = Record<string, string>;

export interface AmiConnectionOptions {
  actionTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * The connection down this long: the server's calls are ended with an unknown cause instead of
   * waiting for a reconnect that may never come (the server is dead). Default 15 s.
   */
  lostCallsAfterMs?: number;
}

interface AmiConnectionEvents {
  event: [AmiMessage];
  connected: [];
  disconnected: [];
}

function flatten(raw: AmiRawMessage): AmiMessage {
  const out: AmiMessage = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value[value.length - 1] ?? '';
  }
  return out;
}

/**
 * One logged-in AMI session to one Asterisk server. Reconnects with exponential backoff; actions
 * fail fast while disconnected instead of piling up, and every action has a timeout.
 */
export class AmiConnection extends EventEmitter<AmiConnectionEvents> {
  private manager: Manager | undefined;
  private ready = false;
  private closing = false;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private nextActionId = 0;
  private readonly pending = new Map<string, (err: Error) => void>();
  private readonly actionTimeoutMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    readonly server: AmiServerConfig,
    private readonly logger: Logger,
    options: AmiConnectionOptions = {},
  ) {
    super();
    this.actionTimeoutMs = options.actionTimeoutMs ?? 5000;
    this.minBackoffMs = options.minBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.backoffMs = this.minBackoffMs;
  }

  get connected(): boolean {
    return this.ready;
  }

  /** Connects and resolves once logged in; later drops are retried in the background. */
  start(): Promise<void> {
    this.closing = false;
    return new Promise((resolve) => {
      this.once('connected', resolve);
      this.open();
    });
  }

  private open(): void {
    const manager = AsteriskManager(undefined, undefined, this.server.username, this.server.secret, true);
    manager.options.port = this.server.port;
    manager.options.host = this.server.host;
    this.manager = manager;
    manager.on('managerevent', (raw: AmiRawMessage) => this.emit('event', flatten(raw)));
    manager.on('close', () => this.onClose(manager));
    manager.on('error', (err: Error) =>
      this.logger.debug({ err: err.message, server: this.server.name }, 'AMI socket error'),
    );
    manager.connect(this.server.port, this.server.host, () => {
      manager.login((err) => {
        if (err) {
          this.logger.error({ server: this.server.name, reason: err.message }, 'AMI login refused');
          manager.disconnect();
          this.onClose(manager);
          return;
        }
        this.ready = true;
        this.backoffMs = this.minBackoffMs;
        this.logger.info({ server: this.server.name }, 'AMI connected');
        this.emit('connected');
      });
    });
  }

  private onClose(manager: Manager): void {
    if (manager !== this.manager) return;
    this.manager = undefined;
    const wasReady = this.ready;
    this.ready = false;
    for (const fail of this.pending.values()) fail(new AmiTimeoutError(this.server.name, 'action'));
    this.pending.clear();
    if (wasReady) {
      this.logger.warn({ server: this.server.name }, 'AMI connection lost');
      this.emit('disconnected');
    }
    if (this.closing) return;
    const delay = this.backoffMs * (0.8 + Math.random() * 0.4);
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  /** Sends an action and resolves with its response; rejects with a typed AMI error. */
  action(fields: Record<string, unknown>, timeoutMs = this.actionTimeoutMs): Promise<AmiMessage> {
    const manager = this.manager;
    const name = String(fields.action ?? 'action');
    if (!manager || !this.ready) return Promise.reject(new AmiNotConnectedError(this.server.name));
    const actionid = typeof fields.actionid === 'string' ? fields.actionid : this.newActionId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionid);
        manager.removeAllListeners(actionid);
        reject(new AmiTimeoutError(this.server.name, name));
      }, timeoutMs);
      this.pending.set(actionid, (err) => {
        clearTimeout(timer);
        reject(err);
      });
      manager.action({ ...fields, actionid }, (err, res) => {
        clearTimeout(timer);
        this.pending.delete(actionid);
        if (err) reject(new AmiActionError(this.server.name, name, String(err.message ?? 'error')));
        else resolve(flatten(res));
      });
    });
  }

  newActionId(): string {
    return `linli-${process.pid}-${++this.nextActionId}`;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    const manager = this.manager;
    this.manager = undefined;
    this.ready = false;
    if (manager) await new Promise<void>((resolve) => manager.disconnect(resolve));
  }
}
