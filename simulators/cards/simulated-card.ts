import { connect, type Socket } from 'node:net';
import {
  CardFrameDecoder,
  ContentValidationError,
  type CardAlarms,
  decodeCardCommand,
  encodeFrame,
  type CardFrame,
  type CardFrameHeader,
  type DecodedCardCommand,
  type PhonebookEntry,
  type PhonebookNameEncoding,
} from '../../src/sos/card-protocol';
import { heartbeatContent, positionContent, type CardReading, type StatusWordDigits } from './card-content';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface SimulatedCardOptions {
  host: string;
  port: number;
  imei: string;
  /** Vendor prefix; default "3G". */
  vendor?: string;
  /** Send `[MM*ID*NNNN*LLLL*…]` frames like ZJ-style firmwares. */
  useIndex?: boolean;
  /** Write a length that does not match the content, as many real firmwares do (default false). */
  misstateLength?: boolean;
  /** Status word of UD/AL frames: 8 hex digits, or the 4-digit alarm half some firmwares send. */
  statusWordDigits?: StatusWordDigits;
  /** Positions reported in turn by sendPosition(); default a spot in a Zhejiang village. */
  path?: LatLon[];
  battery?: number;
  steps?: number;
  nameEncoding?: PhonebookNameEncoding;
  /** Called when the SOS key is pressed, after the AL frame is written: the caller places the SIP call. */
  onSosPress?: (card: SimulatedCard) => void | Promise<void>;
  /** false plays a card that applies commands without confirming them (default true). */
  acknowledgeCommands?: boolean;
  /** Called for each command the platform sends, after the card applied and acknowledged it. */
  onCommand?: (command: DecodedCardCommand, card: SimulatedCard) => void;
}

/** Settings the platform pushed to this card. */
export interface CardSettings {
  sosNumbers: string[];
  phonebook: PhonebookEntry[];
  uploadIntervalSeconds: number | undefined;
}

interface FrameWaiter {
  match: (frame: CardFrame) => boolean;
  resolve: (frame: CardFrame) => void;
}

const DEFAULT_PATH: LatLon[] = [{ lat: 30.274085, lon: 120.15507 }];

/** Replaces the LLLL field with a length 3 bytes too long, a mistake seen on real cards. */
function misstateLength(frame: Buffer): Buffer {
  const lengthEnd = frame.indexOf('*', frame.indexOf('*', frame.indexOf('*') + 1) + 1);
  const indexed = /^[0-9A-Fa-f]{4}\*$/.test(frame.toString('latin1', lengthEnd + 1, lengthEnd + 6));
  const at = indexed ? lengthEnd + 1 : lengthEnd - 4;
  const wrong = (parseInt(frame.toString('latin1', at, at + 4), 16) + 3) & 0xffff;
  return Buffer.concat([
    frame.subarray(0, at),
    Buffer.from(wrong.toString(16).toUpperCase().padStart(4, '0')),
    frame.subarray(at + 4),
  ]);
}

/** A 邻里爱心卡 speaking the 3G-watch protocol over TCP, for tests, demos and the benchmark. */
export class SimulatedCard {
  readonly imei: string;
  /** Every frame the server sent, in order. */
  readonly received: CardFrame[] = [];
  readonly settings: CardSettings = { sosNumbers: [], phonebook: [], uploadIntervalSeconds: undefined };
  private socket: Socket | undefined;
  private readonly decoder = new CardFrameDecoder();
  private readonly waiters: FrameWaiter[] = [];
  private pathIndex = 0;
  private frameIndex = 0;
  private battery: number;
  private steps: number;
  private closedPromise: Promise<void> = Promise.resolve();

  constructor(private readonly options: SimulatedCardOptions) {
    this.imei = options.imei;
    this.battery = options.battery ?? 90;
    this.steps = options.steps ?? 0;
  }

  /** Resolves when the server closes the connection (or close() is called). */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.options.host, port: this.options.port });
      this.socket = socket;
      socket.setNoDelay(true);
      this.closedPromise = new Promise((closed) => socket.once('close', () => closed()));
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => undefined); // a refused card just sees the close
        resolve();
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
    });
  }

  /** Encodes a frame from this card; exposed so the fleet can pre-build its flood buffers. */
  frame(content: string | Buffer): Buffer {
    const header: CardFrameHeader = { vendor: this.options.vendor ?? '3G', deviceId: this.imei };
    if (this.options.useIndex) {
      this.frameIndex = (this.frameIndex % 0xffff) + 1;
      header.index = this.frameIndex.toString(16).toUpperCase().padStart(4, '0');
    }
    const frame = encodeFrame(header, content);
    return this.options.misstateLength ? misstateLength(frame) : frame;
  }

  write(bytes: Buffer): void {
    if (!this.socket || this.socket.destroyed) throw new Error(`card ${this.imei} is not connected`);
    this.socket.write(bytes);
  }

  sendInit(): void {
    this.write(this.frame(`INIT,${this.imei},1,linli-sim`));
  }

  sendHeartbeat(): void {
    this.write(this.frame(heartbeatContent({ steps: this.steps, rolls: 0, battery: this.battery })));
  }

  /** Sends the next point of the path as UD. */
  sendPosition(): void {
    this.write(this.frame(positionContent('UD', this.reading(), this.options.statusWordDigits)));
    this.steps += 37;
  }

  /** Sends AL with the SOS bit, runs onSosPress, and resolves once the gateway answered AL. */
  async pressSos(timeoutMs = 5000): Promise<void> {
    await this.raiseAlarm({ sos: true }, timeoutMs, () => this.options.onSosPress?.(this));
  }

  /** Sends AL with these alarm bits (a fall, taken off, powering off…); resolves once the gateway answered AL. */
  async raiseAlarm(
    alarms: Partial<CardAlarms>,
    timeoutMs = 5000,
    afterWrite?: () => void | Promise<void>,
  ): Promise<void> {
    const answered = this.waitForNextFrame((f) => f.content.toString('latin1') === 'AL', timeoutMs);
    const reading = { ...this.reading(), alarms };
    this.write(this.frame(positionContent('AL', reading, this.options.statusWordDigits)));
    await afterWrite?.();
    await answered;
  }

  async heartbeatAndWait(timeoutMs = 5000): Promise<CardFrame> {
    const answered = this.waitForNextFrame((f) => f.content.toString('latin1') === 'LK', timeoutMs);
    this.sendHeartbeat();
    return answered;
  }

  /** Resolves with the next server frame (already received ones included) that matches. */
  waitForFrame(match: (frame: CardFrame) => boolean, timeoutMs = 5000): Promise<CardFrame> {
    const already = this.received.find(match);
    return already ? Promise.resolve(already) : this.waitForNextFrame(match, timeoutMs);
  }

  /** Like waitForFrame, ignoring frames received before the call. */
  waitForNextFrame(match: (frame: CardFrame) => boolean, timeoutMs = 5000): Promise<CardFrame> {
    return new Promise((resolve, reject) => {
      const waiter: FrameWaiter = { match, resolve: () => undefined };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`card ${this.imei}: no matching frame from the gateway within ${timeoutMs} ms`));
      }, timeoutMs);
      waiter.resolve = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.waiters.push(waiter);
    });
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return this.closedPromise;
  }

  private reading(): CardReading {
    const path = this.options.path ?? DEFAULT_PATH;
    const point = path[this.pathIndex % path.length] ?? DEFAULT_PATH[0]!;
    this.pathIndex++;
    return {
      latitude: point.lat,
      longitude: point.lon,
      at: new Date(),
      battery: this.battery,
      steps: this.steps,
      rolls: 0,
    };
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk).frames) {
      this.received.push(frame);
      this.obeyCommand(frame);
      for (const waiter of this.waiters.filter((w) => w.match(frame))) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  }

  private obeyCommand(frame: CardFrame): void {
    const content = frame.content.toString('latin1');
    if (content === 'LK' || content === 'AL' || content.startsWith('INIT')) return;
    let decoded: DecodedCardCommand;
    try {
      decoded = decodeCardCommand(frame.content, this.options.nameEncoding ?? 'utf16be-hex');
    } catch (error) {
      if (error instanceof ContentValidationError) return; // a real card ignores what it does not understand
      throw error;
    }
    const { command, keyword } = decoded;
    if (command.type === 'set-sos-numbers') this.settings.sosNumbers = command.numbers;
    if (command.type === 'set-sos-number') this.settings.sosNumbers[command.slot - 1] = command.number;
    if (command.type === 'set-upload-interval') this.settings.uploadIntervalSeconds = command.seconds;
    if (command.type === 'set-phonebook') {
      this.settings.phonebook =
        keyword === 'PHB' ? command.entries : [...this.settings.phonebook.slice(0, 5), ...command.entries];
    }
    if (!this.socket || this.socket.destroyed) return;
    if (this.options.acknowledgeCommands !== false) this.write(this.frame(keyword));
    if (command.type === 'locate-now') this.sendPosition();
    this.options.onCommand?.(decoded, this);
  }
}
