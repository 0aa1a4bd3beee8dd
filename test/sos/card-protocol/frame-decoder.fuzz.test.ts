import {
  CardFrameDecoder,
  encodeFrame,
  type CardFrame,
  type FrameSkip,
} from '../../../src/sos/card-protocol';

/** Small deterministic PRNG so a failing seed can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stream {
  bytes: Buffer;
  /** Each valid frame as encodeFrame writes it (with the right length), in stream order. */
  validFrames: Buffer[];
}

function buildStream(random: () => number): Stream {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const randomBytes = (n: number, bracketBias: number) =>
    Buffer.from(
      Array.from({ length: n }, () => (random() < bracketBias ? pick([0x5b, 0x5d, 0x2a]) : int(256))),
    );

  /** Real cards often send a length that does not match their (text) content. */
  const misstateLength = (frame: Buffer, indexed: boolean): Buffer => {
    let star = -1;
    for (let n = indexed ? 4 : 3; n > 0; n--) star = frame.indexOf('*', star + 1);
    const lengthAt = star - 4;
    const wrong = Buffer.from(int(0x10000).toString(16).padStart(4, '0'));
    return Buffer.concat([frame.subarray(0, lengthAt), wrong, frame.subarray(lengthAt + 4)]);
  };

  const validFrame = (): { sent: Buffer; encoded: Buffer } => {
    const header = {
      vendor: pick(['3G', 'SG', 'CS', 'ZJ']),
      deviceId: pick(['3707805539', '863737078055392', '8800123456']),
      ...(random() < 0.3 ? { index: int(0x10000).toString(16).padStart(4, '0') } : {}),
    };
    const content = pick([
      () => Buffer.from('LK'),
      () => Buffer.from(`LK,${int(20000)},${int(9)},${int(101)}`),
      () =>
        Buffer.from(
          `UD,220324,031502,A,30.27${int(9999)},N,120.15${int(9999)},E,0,0,0,9,80,76,0,0,00000008,0,0`,
        ),
      () =>
        Buffer.from(
          `AL,220324,031610,A,30.2,N,120.1,E,0,0,0,9,80,75,0,0,00010000,1,0,460,0,9336,3981,141,0,0.0`,
        ),
      () => Buffer.concat([Buffer.from('TK,#!AMR\n'), randomBytes(int(300), 0.1)]),
    ])();
    const encoded = encodeFrame(header, content);
    const text = !content.subarray(0, 3).equals(Buffer.from('TK,'));
    return { sent: text && random() < 0.3 ? misstateLength(encoded, 'index' in header) : encoded, encoded };
  };

  const pieces: Buffer[] = [];
  const validFrames: Buffer[] = [];
  const segments = 20 + int(40);
  for (let i = 0; i < segments; i++) {
    const roll = random();
    if (roll < 0.55) {
      const { sent, encoded } = validFrame();
      pieces.push(sent);
      validFrames.push(encoded);
    } else if (roll < 0.7) {
      pieces.push(randomBytes(1 + int(60), 0.15));
    } else if (roll < 0.85) {
      const frame = validFrame().sent; // truncated: the card was cut off mid-frame
      pieces.push(frame.subarray(0, 1 + int(frame.length - 1)));
    } else {
      // a header announcing more bytes than follow
      pieces.push(
        Buffer.from(`[${pick(['3G', 'SG'])}*3707805539*${pick(['FFFF', '0400', '0010', '00A0'])}*UD,`),
      );
    }
  }
  return { bytes: Buffer.concat(pieces), validFrames };
}

function decodeWithRandomSplits(bytes: Buffer, random: () => number) {
  const decoder = new CardFrameDecoder();
  const frames: CardFrame[] = [];
  const skips: FrameSkip[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = random() < 0.2 ? 1 : 1 + Math.floor(random() * 200);
    const result = decoder.push(bytes.subarray(at, at + size));
    frames.push(...result.frames);
    skips.push(...result.skips);
    at += size;
  }
  skips.push(...decoder.end());
  return { frames, skips };
}

const wire = (f: CardFrame) => encodeFrame(f, f.content);

function isSubsequence(needles: Buffer[], haystack: Buffer[]): boolean {
  let i = 0;
  for (const candidate of haystack) {
    if (i < needles.length && candidate.equals(needles[i]!)) i++;
  }
  return i === needles.length;
}

describe('CardFrameDecoder under fuzzing', () => {
  const SEEDS = 400;

  it(`never throws, never loses a valid frame, and accounts for every byte (${SEEDS} seeds)`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = mulberry32(seed);
      const { bytes, validFrames } = buildStream(random);
      const { frames, skips } = decodeWithRandomSplits(bytes, random);

      const decodedWire = frames.map(wire);
      if (!isSubsequence(validFrames, decodedWire)) {
        throw new Error(`seed ${seed}: a valid frame was lost`);
      }
      const accounted =
        decodedWire.reduce((n, f) => n + f.length, 0) + skips.reduce((n, s) => n + s.skippedBytes, 0);
      expect({ seed, accounted }).toEqual({ seed, accounted: bytes.length });
    }
  });

  it('gives the same frames whatever the split points', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { bytes } = buildStream(mulberry32(seed));
      const asHex = (frames: CardFrame[]) => frames.map((f) => wire(f).toString('hex')).join('|');
      const reference = asHex(decodeWithRandomSplits(bytes, mulberry32(seed * 7919)).frames);
      const whole = asHex(new CardFrameDecoder().push(bytes).frames);
      expect({ seed, frames: whole }).toEqual({ seed, frames: reference });
    }
  });

  it('survives pure random bytes', () => {
    const random = mulberry32(42);
    const decoder = new CardFrameDecoder();
    let skipped = 0;
    for (let i = 0; i < 2000; i++) {
      const chunk = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
      );
      skipped += decoder.push(chunk).skips.reduce((n, s) => n + s.skippedBytes, 0);
    }
    expect(skipped).toBeGreaterThan(0);
    expect(decoder.bufferedBytes).toBeLessThan(70_000);
  });
});
