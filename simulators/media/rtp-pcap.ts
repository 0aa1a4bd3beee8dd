/**
 * Writes RTP packets as a pcap capture that SIPp's play_pcap_audio replays. SIPp keeps each packet's
 * RTP header and payload as captured and only rewrites addresses and ports, so the capture decides
 * sequence numbers, timestamps and pacing.
 */
export interface RtpPacket {
  /** When the packet leaves, counted from the start of the replay. */
  readonly atMs: number;
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Buffer;
}

const PCAP_GLOBAL_HEADER_BYTES = 24;
const PCAP_RECORD_HEADER_BYTES = 16;
const ETHERNET_BYTES = 14;
const IPV4_BYTES = 20;
const UDP_BYTES = 8;
const RTP_HEADER_BYTES = 12;
const LINKTYPE_ETHERNET = 1;
/** Addresses and ports in the capture are placeholders: SIPp replaces them with the call's. */
const CAPTURE_PORT = 40000;
const LOOPBACK = [127, 0, 0, 1];

export function encodeRtpPcap(packets: readonly RtpPacket[]): Buffer {
  const header = Buffer.alloc(PCAP_GLOBAL_HEADER_BYTES);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  return Buffer.concat([header, ...packets.map(encodeRecord)]);
}

function encodeRecord(packet: RtpPacket): Buffer {
  const rtpLength = RTP_HEADER_BYTES + packet.payload.length;
  const udpLength = UDP_BYTES + rtpLength;
  const ipLength = IPV4_BYTES + udpLength;
  const frameLength = ETHERNET_BYTES + ipLength;
  const record = Buffer.alloc(PCAP_RECORD_HEADER_BYTES + frameLength);

  const micros = Math.round(packet.atMs * 1000);
  record.writeUInt32LE(Math.floor(micros / 1_000_000), 0);
  record.writeUInt32LE(micros % 1_000_000, 4);
  record.writeUInt32LE(frameLength, 8);
  record.writeUInt32LE(frameLength, 12);

  const ethernet = PCAP_RECORD_HEADER_BYTES;
  record.writeUInt16BE(0x0800, ethernet + 12);

  const ip = ethernet + ETHERNET_BYTES;
  record.writeUInt8(0x45, ip);
  record.writeUInt16BE(ipLength, ip + 2);
  record.writeUInt16BE(0x4000, ip + 6);
  record.writeUInt8(64, ip + 8);
  record.writeUInt8(17, ip + 9);
  Buffer.from(LOOPBACK).copy(record, ip + 12);
  Buffer.from(LOOPBACK).copy(record, ip + 16);
  record.writeUInt16BE(ipv4HeaderChecksum(record.subarray(ip, ip + IPV4_BYTES)), ip + 10);

  const udp = ip + IPV4_BYTES;
  record.writeUInt16BE(CAPTURE_PORT, udp);
  record.writeUInt16BE(CAPTURE_PORT, udp + 2);
  record.writeUInt16BE(udpLength, udp + 4);

  const rtp = udp + UDP_BYTES;
  record.writeUInt8(0x80, rtp);
  record.writeUInt8((packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f), rtp + 1);
  record.writeUInt16BE(packet.sequence & 0xffff, rtp + 2);
  record.writeUInt32BE(packet.timestamp >>> 0, rtp + 4);
  record.writeUInt32BE(packet.ssrc >>> 0, rtp + 8);
  packet.payload.copy(record, rtp + RTP_HEADER_BYTES);
  return record;
}

function ipv4HeaderChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
