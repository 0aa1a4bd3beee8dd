/**
 * Framing of the "3G watch" protocol spoken by 邻里爱心卡 cards:
 *   [MM*ID*LLLL*CONTENT]          most vendors
 *   [MM*ID*NNNN*LLLL*CONTENT]     vendors that number their frames (NNNN, 4 hex digits)
 * LLLL is the byte length of CONTENT in hex, so CONTENT may carry any bytes, `]` included.
 */

/** Who a frame is from (or to): replies and commands must echo the vendor prefix and index style. */
export interface CardFrameHeader {
  /** Two-character vendor prefix such as 3G, SG, CS or ZJ. */
  vendor: string;
  /** Device id as the card sends it: usually a 10-digit id or a 15-digit IMEI. */
  deviceId: string;
  /** The NNNN field of numbering vendors, verbatim; absent for the common layout. */
  index?: string;
}

export interface CardFrame extends CardFrameHeader {
  /** Raw content bytes: text is usually ASCII/UTF-8, some vendors send GBK, voice frames are binary. */
  content: Buffer;
}

/** Largest content LLLL can express. */
export const MAX_CONTENT_LENGTH = 0xffff;

const VENDOR_PATTERN = /^[A-Za-z0-9]{2}$/;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const INDEX_PATTERN = /^[0-9A-Fa-f]{4}$/;
const CLOSE_BRACKET = Buffer.from(']', 'ascii');

class FrameEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameEncodeError';
  }
}

export function encodeFrame(header: CardFrameHeader, content: Buffer | string): Buffer {
  if (!VENDOR_PATTERN.test(header.vendor)) {
    throw new FrameEncodeError(`vendor prefix must be 2 letters or digits, got "${header.vendor}"`);
  }
  if (!DEVICE_ID_PATTERN.test(header.deviceId)) {
    throw new FrameEncodeError(`device id must be 1-32 letters or digits, got "${header.deviceId}"`);
  }
  if (header.index !== undefined && !INDEX_PATTERN.test(header.index)) {
    throw new FrameEncodeError(`frame index must be 4 hex digits, got "${header.index}"`);
  }
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (body.length > MAX_CONTENT_LENGTH) {
    throw new FrameEncodeError(
      `content is ${body.length} bytes; a frame carries at most ${MAX_CONTENT_LENGTH}`,
    );
  }
  // Cards we have seen send the length in upper-case hex; decoders accept both cases.
  const length = body.length.toString(16).toUpperCase().padStart(4, '0');
  const index = header.index === undefined ? '' : `${header.index}*`;
  const prefix = Buffer.from(`[${header.vendor}*${header.deviceId}*${index}${length}*`, 'ascii');
  return Buffer.concat([prefix, body, CLOSE_BRACKET]);
}

/** A reply to a card's frame (see replyFor), framed like the card's own frame. */
export function encodeReplyFrame(to: CardFrameHeader, content: string): Buffer {
  return encodeFrame({ vendor: to.vendor, deviceId: to.deviceId, index: to.index }, content);
}
