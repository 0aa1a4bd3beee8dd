import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** A-law and μ-law silence bytes (and their near neighbours a quiet line carries). */
const SILENT = new Set([0xd5, 0x55, 0x54, 0xd4, 0xff, 0x7f]);

/** What one RTP stream delivered: packets, audio length by RTP timestamps, and how much was not silence. */
export interface RtpTally {
  packets: number;
  /** Payload bytes: 8 kHz G.711 is one byte a sample. */
  payloadBytes: number;
  /** Payload bytes that were not silence. */
  soundBytes: number;
}

/** A UDP port that counts the RTP sent to it (a SIP speaker's media port). */
export class RtpCounter {
  readonly tally: RtpTally = { packets: 0, payloadBytes: 0, soundBytes: 0 };

  private constructor(private readonly socket: Socket) {
    socket.on('message', (packet) => this.count(packet));
  }

  static async open(host = '127.0.0.1'): Promise<RtpCounter> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host, () => resolve());
    });
    return new RtpCounter(socket);
  }

  get port(): number {
    return (this.socket.address() as AddressInfo).port;
  }

  /** Seconds of audio received, at 8000 samples a second. */
  get seconds(): number {
    return this.tally.payloadBytes / 8000;
  }

  private count(packet: Buffer): void {
    if (packet.length < 12 || packet[0]! >> 6 !== 2) return;
    const payloadType = packet[1]! & 0x7f;
    if (payloadType !== 8 && payloadType !== 0) return; // G.711 only (not DTMF events, not comfort noise)
    const csrcCount = packet[0]! & 0x0f;
    const payload = packet.subarray(12 + 4 * csrcCount);
    this.tally.packets += 1;
    this.tally.payloadBytes += payload.length;
    for (const byte of payload) if (!SILENT.has(byte)) this.tally.soundBytes += 1;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
