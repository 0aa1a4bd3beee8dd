import { decodeStatusWord, encodeStatusWord, parseStatusWord } from '../../../src/sos/card-protocol';

describe('status word', () => {
  it.each([
    ['00000000', {}, {}],
    ['00000001', { lowBattery: true }, {}],
    ['00000002', { outsideFence: true }, {}],
    ['00000004', { insideFence: true }, {}],
    ['00000010', { moving: true }, {}],
    ['00010000', {}, { sos: true }],
    ['00020000', {}, { lowBattery: true }],
    ['00040000', {}, { leftFence: true }],
    ['00080000', {}, { enteredFence: true }],
    ['00100000', {}, { takenOff: true }],
    ['00200000', {}, { fallDown: true }],
    ['00400000', {}, { fallDown: true }],
    ['00004000', {}, { powerOff: true }],
    ['00210011', { lowBattery: true, moving: true }, { sos: true, fallDown: true }],
  ])('%s', (hex, states, alarms) => {
    const status = decodeStatusWord(parseInt(hex, 16));
    expect(status).toEqual({
      raw: parseInt(hex, 16),
      lowBattery: false,
      outsideFence: false,
      insideFence: false,
      moving: false,
      ...states,
      alarms: {
        sos: false,
        lowBattery: false,
        leftFence: false,
        enteredFence: false,
        takenOff: false,
        fallDown: false,
        powerOff: false,
        ...alarms,
      },
    });
  });

  it('keeps vendor bits it does not name in raw', () => {
    expect(decodeStatusWord(0x80000008).raw).toBe(0x80000008);
  });

  it.each([
    ['0001', { sos: true }],
    ['0020', { fallDown: true }],
    ['0010', { takenOff: true }],
    ['0002', { lowBattery: true }],
  ])('reads the 4-digit word %s as the alarm half', (text, alarms) => {
    const status = parseStatusWord(text);
    expect(status?.alarms).toMatchObject(alarms);
    expect(status?.lowBattery).toBe(false);
  });

  it('reads 8 hex digits, or fewer unpadded, as the whole word', () => {
    expect(parseStatusWord('00010000')?.alarms.sos).toBe(true);
    expect(parseStatusWord('00000001')?.lowBattery).toBe(true);
    expect(parseStatusWord('1')?.lowBattery).toBe(true);
    expect(parseStatusWord('XYZ')).toBeNull();
    expect(parseStatusWord('')).toBeNull();
  });

  it('encodes what it decodes', () => {
    expect(encodeStatusWord({ moving: true, alarms: { sos: true } })).toBe('00010010');
    expect(
      decodeStatusWord(parseInt(encodeStatusWord({ alarms: { takenOff: true } }), 16)).alarms.takenOff,
    ).toBe(true);
  });
});
