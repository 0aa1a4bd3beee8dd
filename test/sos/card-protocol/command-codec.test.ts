import {
  CommandValidationError,
  decodeCardCommand,
  encodeCommand,
  encodeFrame,
  encodeReplyFrame,
  type CardCommand,
} from '../../../src/sos/card-protocol';

const text = (command: CardCommand) => encodeCommand(command).map((p) => p.content.toString('latin1'));

describe('encodeCommand', () => {
  it.each<[CardCommand, string[]]>([
    [
      { type: 'set-sos-numbers', numbers: ['13800138000', '+8613900139000', '110'] },
      ['SOS,13800138000,+8613900139000,110'],
    ],
    [{ type: 'set-sos-numbers', numbers: ['13800138000'] }, ['SOS,13800138000,,']],
    [{ type: 'set-sos-number', slot: 2, number: '13800138000' }, ['SOS2,13800138000']],
    [{ type: 'set-upload-interval', seconds: 600 }, ['UPLOAD,600']],
    [{ type: 'locate-now' }, ['CR']],
    [
      { type: 'set-phonebook', entries: [{ number: '13800138000', name: '张三' }] },
      ['PHB,13800138000,5F204E09'],
    ],
  ])('%j → %j', (command, expected) => {
    expect(text(command)).toEqual(expected);
  });

  it('splits more than five contacts over PHB and PHB2', () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({ number: `1380013800${i}`, name: `村民${i}` }));
    const payloads = encodeCommand({ type: 'set-phonebook', entries });
    expect(payloads.map((p) => p.keyword)).toEqual(['PHB', 'PHB2']);
    expect(payloads[0]!.content.toString().split(',')).toHaveLength(11);
    expect(payloads[1]!.content.toString()).toBe('PHB2,13800138005,67516C110035,13800138006,67516C110036');
  });

  it('writes GBK names as GBK bytes for GBK-only firmwares', () => {
    const [payload] = encodeCommand({
      type: 'set-phonebook',
      entries: [{ number: '13800138000', name: '王阿姨' }],
      nameEncoding: 'gbk',
    });
    expect(payload!.content).toEqual(
      Buffer.concat([Buffer.from('PHB,13800138000,'), Buffer.from([0xcd, 0xf5, 0xb0, 0xa2, 0xd2, 0xcc])]),
    );
  });

  it.each<[CardCommand, RegExp]>([
    [{ type: 'set-sos-numbers', numbers: [] }, /1 to 3 numbers/],
    [{ type: 'set-sos-numbers', numbers: ['1', '2', '3', '4'] }, /1 to 3 numbers/],
    [{ type: 'set-sos-numbers', numbers: ['138-0013'] }, /SOS number 1 must be 3-20 digits/],
    [{ type: 'set-sos-number', slot: 4 as 1, number: '13800138000' }, /slot must be 1, 2 or 3/],
    [{ type: 'set-upload-interval', seconds: 5 }, /from 10 to 86400/],
    [{ type: 'set-upload-interval', seconds: 60.5 }, /whole number/],
    [{ type: 'set-phonebook', entries: [] }, /1 to 10 entries/],
    [{ type: 'set-phonebook', entries: [{ number: '13800138000', name: 'a,b' }] }, /without , \[ \] \*/],
    [
      { type: 'set-phonebook', entries: [{ number: '13800138000', name: '😀' }], nameEncoding: 'gbk' },
      /GBK cannot represent/,
    ],
    [{ type: 'reboot' } as unknown as CardCommand, /unknown command type "reboot"/],
  ])('rejects %j with a clear message', (command, message) => {
    expect(() => encodeCommand(command)).toThrow(CommandValidationError);
    expect(() => encodeCommand(command)).toThrow(message);
  });
});

describe('decodeCardCommand (the card side)', () => {
  it.each<CardCommand>([
    { type: 'set-sos-numbers', numbers: ['13800138000', '', '120'] },
    { type: 'set-sos-number', slot: 3, number: '+8613800138000' },
    { type: 'set-upload-interval', seconds: 300 },
    { type: 'locate-now' },
    {
      type: 'set-phonebook',
      entries: [
        { number: '13800138000', name: '张三' },
        { number: '13900139000', name: 'Li Si' },
      ],
      nameEncoding: 'utf16be-hex',
    },
    { type: 'set-phonebook', entries: [{ number: '13800138000', name: '王阿姨' }], nameEncoding: 'gbk' },
  ])('reads back %j', (command) => {
    const encoding =
      command.type === 'set-phonebook' ? (command.nameEncoding ?? 'utf16be-hex') : 'utf16be-hex';
    const [payload] = encodeCommand(command);
    expect(decodeCardCommand(payload!.content, encoding).command).toEqual(command);
  });

  it('names the field when a UTF-16 name is not hex', () => {
    expect(() => decodeCardCommand(Buffer.from('PHB,13800138000,5F20XYZ'), 'utf16be-hex')).toThrow(
      /PHB field "entry 1 name"/,
    );
  });
});

describe('frames sent to a card', () => {
  it('frames a reply like the card framed its message, index included', () => {
    expect(
      encodeReplyFrame({ vendor: 'ZJ', deviceId: '863737078055392', index: '00A1' }, 'AL').toString(),
    ).toBe('[ZJ*863737078055392*00A1*0002*AL]');
    expect(encodeReplyFrame({ vendor: '3G', deviceId: '3707805539' }, 'LK').toString()).toBe(
      '[3G*3707805539*0002*LK]',
    );
  });

  it('counts bytes, not characters, in the length', () => {
    const [payload] = encodeCommand({
      type: 'set-phonebook',
      entries: [{ number: '110', name: '王' }],
      nameEncoding: 'gbk',
    });
    expect(encodeFrame({ vendor: 'SG', deviceId: '1' }, payload!.content).subarray(0, 12).toString()).toBe(
      '[SG*1*000A*P',
    );
  });

  it('refuses a header that would break framing', () => {
    expect(() => encodeFrame({ vendor: '3G*', deviceId: '1' }, 'LK')).toThrow(/vendor prefix/);
    expect(() => encodeFrame({ vendor: '3G', deviceId: '12]' }, 'LK')).toThrow(/device id/);
    expect(() => encodeFrame({ vendor: '3G', deviceId: '1' }, Buffer.alloc(0x10000))).toThrow(
      /at most 65535/,
    );
  });
});
