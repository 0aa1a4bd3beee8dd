import {
  CardFrameDecoder,
  encodeFrame,
  type CardFrame,
  type FrameSkip,
} from '../../../src/sos/card-protocol';

const LK = '[3G*3707805539*0002*LK]';
const UD =
  '[3G*3707805539*0057*UD,220324,031502,A,30.274085,N,120.155070,E,0.52,187.3,12.0,9,80,76,4521,2,00000008,0,0]';
const INDEXED = '[ZJ*863737078055392*00A1*000A*LK,0,0,100]';

function feed(
  decoder: CardFrameDecoder,
  chunks: Array<string | Buffer>,
): { frames: CardFrame[]; skips: FrameSkip[] } {
  const frames: CardFrame[] = [];
  const skips: FrameSkip[] = [];
  for (const chunk of chunks) {
    const result = decoder.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1'));
    frames.push(...result.frames);
    skips.push(...result.skips);
  }
  return { frames, skips };
}

const contents = (frames: CardFrame[]) => frames.map((f) => f.content.toString('latin1'));

describe('CardFrameDecoder', () => {
  it('returns a frame only once all its bytes have arrived, however TCP split them', () => {
    const wire = UD + LK;
    for (let split = 1; split < wire.length; split++) {
      const { frames, skips } = feed(new CardFrameDecoder(), [wire.slice(0, split), wire.slice(split)]);
      expect(contents(frames)).toEqual([UD.slice(20, -1), 'LK']);
      expect(skips).toEqual([]);
    }
  });

  it('returns every frame of a read that carries several', () => {
    const { frames } = feed(new CardFrameDecoder(), [LK + UD + INDEXED + LK]);
    expect(frames.map((f) => f.content.toString().split(',')[0])).toEqual(['LK', 'UD', 'LK', 'LK']);
    expect(frames[2]).toMatchObject({ vendor: 'ZJ', deviceId: '863737078055392', index: '00A1' });
  });

  it('reads byte by byte', () => {
    const { frames } = feed(new CardFrameDecoder(), [...(INDEXED + LK)]);
    expect(contents(frames)).toEqual(['LK,0,0,100', 'LK']);
  });

  it('relies on the length, not on ], for binary voice content', () => {
    const amr = Buffer.from('2321414d520a5d5b33472a315d5d2c2a7d', 'hex'); // contains ] [ "3G*1" ] ] , *
    const voice = encodeFrame(
      { vendor: 'CS', deviceId: '8800123456' },
      Buffer.concat([Buffer.from('TK,'), amr]),
    );
    const wire = Buffer.concat([voice, Buffer.from(LK)]);
    for (let split = 1; split < wire.length; split++) {
      const { frames, skips } = feed(new CardFrameDecoder(), [wire.subarray(0, split), wire.subarray(split)]);
      expect(frames.map((f) => f.content)).toEqual([
        Buffer.concat([Buffer.from('TK,'), amr]),
        Buffer.from('LK'),
      ]);
      expect(skips).toEqual([]);
    }
  });

  it('skips garbage before a frame and reports how many bytes and why', () => {
    const { frames, skips } = feed(new CardFrameDecoder(), ['AT+CIPSEND\r\n' + LK]);
    expect(contents(frames)).toEqual(['LK']);
    expect(skips).toEqual([
      { reason: 'garbage', detail: expect.any(String), skippedBytes: 12, streamOffset: 0 },
    ]);
  });

  it('drops a header that is not MM*ID*LLLL* and finds the next frame', () => {
    const { frames, skips } = feed(new CardFrameDecoder(), ['[3G*37078#5539*0002*LK]' + LK]);
    expect(contents(frames)).toEqual(['LK']);
    expect(skips).toMatchObject([{ reason: 'invalid-header', skippedBytes: 23, streamOffset: 0 }]);
  });

  it.each([
    ['too long', '[SG*8800000015*0003*LK]'],
    ['too short', '[SG*8800000015*0001*LK]'],
    ['zero', '[CS*863737078055392*0000*LK,120,0,95]'],
    ['written in decimal', '[3G*1234567890*0010*LK,0,0,100]'],
    ['absurd', '[ZJ*863737078055392*0001*FFFF*LK]'],
  ])('frames on the brackets when the length is %s, however TCP split the bytes', (_, frame) => {
    const wire = frame + LK;
    const expected = [frame.slice(frame.lastIndexOf('*') + 1, -1), 'LK'];
    for (let split = 1; split < wire.length; split++) {
      const { frames, skips } = feed(new CardFrameDecoder(), [wire.slice(0, split), wire.slice(split)]);
      expect(contents(frames)).toEqual(expected);
      expect(skips).toEqual([]);
    }
  });

  it('delivers a position report whose length does not match as soon as its ] arrives', () => {
    const ud =
      '[3G*1234567890*00CD*UD,220324,031502,A,30.274085,N,120.155070,E,0.52,187.3,12.0,9,80,76,4521,2,00000008,0,0]';
    const { frames, skips } = feed(new CardFrameDecoder(), [ud]);
    expect(frames).toEqual([
      { vendor: '3G', deviceId: '1234567890', content: Buffer.from(ud.slice(20, -1)) },
    ]);
    expect(skips).toEqual([]);
  });

  it('does not wait for the bytes of a length above its limit', () => {
    const decoder = new CardFrameDecoder({ maxContentLength: 1024 });
    const { frames, skips } = feed(decoder, ['[3G*3707805539*FFFF*TK,' + LK]);
    expect(contents(frames)).toEqual(['LK']);
    expect(skips).toMatchObject([{ reason: 'interrupted' }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('drops content with no ] within its limit without waiting for more', () => {
    const decoder = new CardFrameDecoder({ maxContentLength: 1024 });
    const { frames, skips } = feed(decoder, ['[3G*3707805539*0002*LK,' + 'x'.repeat(1100)]);
    expect(frames).toEqual([]);
    expect(skips).toMatchObject([{ reason: 'oversized', skippedBytes: 1123 }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('ends binary voice content where a wrong length does not point at ]', () => {
    const { frames } = feed(new CardFrameDecoder(), ['[CS*8800123456*0040*TK,#!AMR\n\x01]' + LK]);
    expect(contents(frames)).toEqual(['TK,#!AMR\n\x01', 'LK']);
  });

  it('does not let a truncated frame with a large length swallow the frames after it', () => {
    const decoder = new CardFrameDecoder();
    const { frames, skips } = feed(decoder, ['[3G*3707805539*0400*UD,2203', LK, UD]);
    expect(contents(frames)).toEqual(['LK', UD.slice(20, -1)]);
    expect(skips).toMatchObject([{ reason: 'interrupted', skippedBytes: 27, streamOffset: 0 }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('prefers the complete frame even when a truncated one happens to end on its ]', () => {
    // "[3G*1*0012*UD,22" announces 0x12 bytes, which end exactly on the LK frame's "]".
    const { frames, skips } = feed(new CardFrameDecoder(), ['[3G*1*0012*UD,22' + '[3G*1*0002*LK]']);
    expect(contents(frames)).toEqual(['LK']);
    expect(skips).toMatchObject([{ reason: 'interrupted', skippedBytes: 16 }]);
  });

  it('reports a frame cut by the end of the connection as truncated', () => {
    const decoder = new CardFrameDecoder();
    feed(decoder, [LK, UD.slice(0, 30)]);
    expect(decoder.bufferedBytes).toBe(30);
    expect(decoder.end()).toEqual([
      { reason: 'truncated', detail: expect.any(String), skippedBytes: 30, streamOffset: LK.length },
    ]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('keeps stream offsets across pushes', () => {
    const { skips } = feed(new CardFrameDecoder(), [LK, 'noise', LK, '!!']);
    expect(skips.map((s) => [s.streamOffset, s.skippedBytes])).toEqual([
      [LK.length, 5],
      [2 * LK.length + 5, 2],
    ]);
  });

  it('accepts lower-case hex lengths and 15-digit IMEIs', () => {
    const { frames } = feed(new CardFrameDecoder(), ['[SG*863737078055392*000c*BLOOD,109,68]']);
    expect(frames).toEqual([
      { vendor: 'SG', deviceId: '863737078055392', content: Buffer.from('BLOOD,109,68') },
    ]);
  });

  it('decodes what encodeFrame produces, GBK bytes included', () => {
    const gbk = Buffer.concat([Buffer.from('PHB,13800138000,'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd])]); // 张三
    const wire = encodeFrame({ vendor: '3G', deviceId: '3707805539', index: '0007' }, gbk);
    const { frames } = feed(new CardFrameDecoder(), [wire]);
    expect(frames).toEqual([{ vendor: '3G', deviceId: '3707805539', index: '0007', content: gbk }]);
  });
});
