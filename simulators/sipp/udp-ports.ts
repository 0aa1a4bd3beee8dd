import { readFileSync } from 'node:fs';

/**
 * Free UDP ports for SIPp's sockets (SIP, media, control). They are drawn at random from a range
 * clear of Asterisk's RTP ports (rtp.conf: 10000-20000) and of Linux's ephemeral ports, and kept
 * reserved in this process until released, so two SIPp processes started together never collide.
 */
const FIRST_PORT = 21000;
const LAST_PORT = 32000;
const MAX_ATTEMPTS = 1000;

const reserved = new Set<number>();

/** UDP ports bound on this machine right now (IPv4 and IPv6), from /proc. */
export function boundUdpPorts(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const local = line.trim().split(/\s+/)[1];
      const port = local?.split(':')[1];
      if (port) ports.add(parseInt(port, 16));
    }
  }
  return ports;
}

/** Reserves a block of `size` consecutive free ports starting at an even port; returns its first port. */
export function reserveUdpPortBlock(size = 1): number {
  const bound = boundUdpPorts();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const base = FIRST_PORT + 2 * Math.floor((Math.random() * (LAST_PORT - FIRST_PORT - size)) / 2);
    const block = Array.from({ length: size }, (_, i) => base + i);
    if (block.every((port) => !bound.has(port) && !reserved.has(port))) {
      block.forEach((port) => reserved.add(port));
      return base;
    }
  }
  throw new Error(`no free block of ${size} UDP port(s) between ${FIRST_PORT} and ${LAST_PORT}`);
}

export function releaseUdpPortBlock(base: number, size = 1): void {
  for (let port = base; port < base + size; port++) reserved.delete(port);
}
