import { randomFillSync } from 'node:crypto';

/*
 * Ids for rows written in bulk (a city's household import): UUID version 7 (RFC 9562), the time in
 * milliseconds first, then a counter, then random bits. Successive ids sort after each other, so a
 * batch's primary-key and foreign-key index entries land on the right-most pages of their B-trees
 * instead of on random ones: about twice as fast to insert, and far less WAL. They are still UUIDs,
 * stored in the same text columns as the random ones.
 */

let lastMs = 0;
let counter = 0;

// Random bits drawn for many ids at once: one system call per id cost a city's import seconds.
const IDS_PER_DRAW = 4096;
const entropy = Buffer.alloc(16 * IDS_PER_DRAW);
let drawn = IDS_PER_DRAW;

/** A new UUIDv7, greater than every one this process made before (within 4,096 per millisecond, then the next ms). */
export function timeOrderedId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  if (drawn === IDS_PER_DRAW) {
    randomFillSync(entropy);
    drawn = 0;
  }
  const bytes = entropy.subarray(16 * drawn, 16 * ++drawn);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (counter >>> 8); // version 7, then the counter's high 4 bits
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
