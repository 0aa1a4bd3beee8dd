import type { Socket } from 'node:net';
import {
  CardFrameDecoder,
  decodeCardMessage,
  describeContentProblem,
  encodeFrame,
  encodeReplyFrame,
  replyFor,
  type CardFrame,
  type CardFrameHeader,
  type CardMessage,
  type ContentProblem,
} from '../card-protocol';
import type { GatewayStatsRecorder } from './gateway-stats';
import type { CardGatewayMessage, CardGatewayOptions, CardMessageContext } from './gateway-types';

/** What a connection needs from the gateway that owns it. */
export interface ConnectionHost {
  readonly options: CardGatewayOptions;
  readonly stats: GatewayStatsRecorder;
  /** Makes this the card's connection, closing any older one. */
  claim(imei: string, connection: CardConnection): void;
  /** Forgets the connection (only if it is still the card's current one). */
  release(connection: CardConnection): void;
}

type Task =
  | { type: 'frame'; frame: CardFrame; receivedAt: Date }
  | { type: 'flush'; done: (sent: Set<string>) => void };

// Pause reading when a card (or an attacker) sends faster than onMessage handles frames.
const PAUSE_ABOVE_TASKS = 256;
const RESUME_BELOW_TASKS = 32;
const CLOSE_GRACE_MS = 1000;

/**
 * One card's TCP connection: decodes frames, identifies the card on its first frame, answers
 * every frame that expects an answer (replyFor), hands messages to onMessage in order, and
 * delivers queued commands.
 */
export class CardConnection {
  imei: string | undefined;
  private readonly decoder: CardFrameDecoder;
  private readonly tasks: Task[] = [];
  private running = false;
  private closed = false;
  private draining = false;
  private lastHeader: CardFrameHeader | undefined;
  /** Commands written on this connection; a new connection sends unacknowledged ones again. */
  private readonly sentCommandIds = new Set<string>();
  private commandIndex = 0;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly socket: Socket,
    readonly id: number,
    private readonly host: ConnectionHost,
  ) {
    this.decoder = new CardFrameDecoder({ maxContentLength: host.options.maxContentLength });
    socket.setNoDelay(true);
    socket.setTimeout(host.options.idleTimeoutMs ?? 10 * 60_000);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => {
      host.stats.increment('idleTimeouts');
      this.log().info('card connection idle, closing');
      this.close();
    });
    socket.on('error', (error) => this.log().debug({ err: error }, 'card socket error'));
    socket.on('close', () => this.onClose());
  }

  get remoteAddress(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }

  /** Sends this card's pending commands now, in order with frame handling; resolves with every id sent so far. */
  flush(): Promise<Set<string>> {
    if (this.closed) return Promise.resolve(new Set());
    return new Promise((done) => this.enqueue({ type: 'flush', done }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.host.release(this);
  }

  /** Stops reading, lets frames already received finish, then closes. */
  async drainAndClose(): Promise<void> {
    this.draining = true;
    this.socket.pause();
    await Promise.race([this.idle, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    this.close();
  }

  private log() {
    return this.host.options.logger.child({
      card: this.imei,
      connectionId: this.id,
      remote: this.remoteAddress,
    });
  }

  private onData(chunk: Buffer): void {
    const { frames, skips } = this.decoder.push(chunk);
    for (const skip of skips) {
      this.host.stats.decodeError(skip.reason, skip.skippedBytes);
      this.log().warn({ skip }, 'card sent bytes that are not a frame');
    }
    const receivedAt = new Date();
    for (const frame of frames) this.enqueue({ type: 'frame', frame, receivedAt });
  }

  private enqueue(task: Task): void {
    this.tasks.push(task);
    if (this.tasks.length > PAUSE_ABOVE_TASKS) this.socket.pause();
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    while (!this.closed) {
      const task = this.tasks.shift();
      if (!task) break;
      try {
        if (task.type === 'frame') await this.handleFrame(task.frame, task.receivedAt);
        else {
          await this.sendPendingCommands();
          task.done(new Set(this.sentCommandIds));
        }
      } catch (error) {
        this.host.stats.increment('handlerErrors');
        this.log().error({ err: error, task: task.type }, 'card connection task failed');
        // The commands stay in the store; the caller learns they were not all sent.
        if (task.type === 'flush') task.done(new Set(this.sentCommandIds));
      }
      if (this.tasks.length < RESUME_BELOW_TASKS && this.socket.isPaused() && !this.closed && !this.draining)
        this.socket.resume();
    }
    for (const task of this.tasks.splice(0)) if (task.type === 'flush') task.done(new Set());
    this.running = false;
    this.markIdle();
  }

  private async handleFrame(frame: CardFrame, receivedAt: Date): Promise<void> {
    const { stats, options } = this.host;
    stats.frameReceived();
    const firstFrame = this.imei === undefined;
    if (firstFrame && !(await this.identify(frame.deviceId))) return;
    if (frame.deviceId !== this.imei) {
      stats.increment('foreignFrames');
      this.log().warn({ deviceId: frame.deviceId }, 'frame with another card id on this connection dropped');
      return;
    }
    this.lastHeader = { vendor: frame.vendor, deviceId: frame.deviceId, index: frame.index };

    const decoded = decodeCardMessage(frame);
    const message: CardGatewayMessage = decoded.ok ? decoded.message : { kind: 'invalid', ...decoded };
    const keyword = decoded.ok ? keywordOf(decoded.message) : decoded.keyword;
    if (!decoded.ok) {
      stats.increment('invalidMessages');
      this.log().warn(
        { problem: decoded.problem },
        `invalid card message: ${describeContentProblem(decoded.problem)}`,
      );
    }
    const dropped = decoded.ok ? droppedFieldsOf(decoded.message) : [];
    if (dropped.length > 0) {
      stats.increment('fieldsDropped', dropped.length);
      this.log().warn(
        { keyword, dropped },
        `card message fields left out: ${dropped.map(describeContentProblem).join('; ')}`,
      );
    }

    // A heartbeat is answered at once; anything else once it is handled, so a failure makes the card resend it.
    const reply = replyFor(keyword);
    const answerFirst = keyword === 'LK';
    if (answerFirst && reply !== null) this.reply(reply);
    // Command delivery must never hold up a message (an SOS least of all), so store trouble is only logged.
    try {
      if (firstFrame || keyword === 'LK') await this.sendPendingCommands();
      if (message.kind === 'command-ack' && this.imei) {
        const acknowledged = await options.commandStore.acknowledge(this.imei, keyword);
        if (acknowledged) stats.increment('commandsAcknowledged');
      }
    } catch (error) {
      this.log().error(
        { err: error, keyword },
        'card command store unavailable; commands wait for the next heartbeat',
      );
    }

    const context: CardMessageContext = {
      imei: frame.deviceId,
      remoteAddress: this.remoteAddress,
      receivedAt,
      connectionId: this.id,
    };
    try {
      await options.onMessage(message, context);
    } catch (error) {
      stats.increment('handlerErrors');
      this.log().error(
        { err: error, keyword },
        'onMessage failed; the frame stays unanswered so the card resends it',
      );
      return;
    }
    if (!answerFirst && reply !== null) this.reply(reply);
  }

  private async identify(deviceId: string): Promise<boolean> {
    const { stats, options } = this.host;
    let known: boolean;
    try {
      known = await options.isKnownDevice(deviceId);
    } catch (error) {
      this.log().error(
        { err: error, deviceId },
        'could not check the card registry; closing so the card retries',
      );
      this.close();
      return false;
    }
    if (this.closed) return false;
    if (!known) {
      stats.increment('unknownDevicesRefused');
      this.log().warn({ deviceId }, 'unknown card refused');
      this.close();
      return false;
    }
    this.imei = deviceId;
    this.host.claim(deviceId, this);
    this.log().info('card connected');
    return true;
  }

  private reply(content: string): void {
    if (!this.lastHeader || this.closed) return;
    this.socket.write(encodeReplyFrame(this.lastHeader, content));
    this.host.stats.increment('repliesSent');
  }

  private async sendPendingCommands(): Promise<void> {
    if (!this.imei || !this.lastHeader || this.closed) return;
    const pending = await this.host.options.commandStore.pending(this.imei);
    for (const command of pending) {
      if (this.sentCommandIds.has(command.id) || this.closed) continue;
      const header = { vendor: this.lastHeader.vendor, deviceId: this.imei, index: this.nextIndex() };
      this.socket.write(encodeFrame(header, command.content));
      this.sentCommandIds.add(command.id);
      this.host.stats.increment('commandsSent');
      this.log().info({ commandId: command.id, keyword: command.keyword }, 'command sent to card');
    }
  }

  /** Index-field vendors get a running number on server frames; others get none. */
  private nextIndex(): string | undefined {
    if (this.lastHeader?.index === undefined) return undefined;
    this.commandIndex = (this.commandIndex % 0xffff) + 1;
    return this.commandIndex.toString(16).toUpperCase().padStart(4, '0');
  }

  private onClose(): void {
    for (const skip of this.decoder.end()) this.host.stats.decodeError(skip.reason, skip.skippedBytes);
    if (!this.closed) {
      this.closed = true;
      this.host.release(this);
    }
    if (this.imei) this.log().info('card disconnected');
  }
}

function droppedFieldsOf(message: CardMessage): ContentProblem[] {
  if (message.kind === 'heartbeat') return message.droppedFields ?? [];
  if (message.kind === 'position' || message.kind === 'alarm') return message.report.droppedFields ?? [];
  return [];
}

function keywordOf(message: Exclude<CardGatewayMessage, { kind: 'invalid' }>): string {
  switch (message.kind) {
    case 'init':
      return 'INIT';
    case 'heartbeat':
      return 'LK';
    default:
      return message.keyword;
  }
}
