import { normaliseCallerNumber, parseCardSimNumber } from '../../../src/sos/registry/card-sim-number';

describe("a card's SIM number", () => {
  it('accepts mobile numbers however they are written', () => {
    for (const written of ['13800000199', '+86 138 0000 0199', '138-0000-0199']) {
      expect(parseCardSimNumber(written)).toEqual({ ok: true, e164: '+8613800000199' });
    }
  });

  it('accepts 13-digit IoT SIM numbers, which many love cards ship with', () => {
    expect(parseCardSimNumber('1440123456789')).toEqual({ ok: true, e164: '+861440123456789' });
    expect(parseCardSimNumber('1064812345678')).toEqual({ ok: true, e164: '+861064812345678' });
  });

  it('says what is wrong with anything else', () => {
    const result = parseCardSimNumber('12345');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/IoT SIM/);
  });
});

describe('the caller number of an inbound SOS call', () => {
  it('matches the stored E.164 number whichever way the carrier delivers it', () => {
    for (const delivered of ['13800000199', '8613800000199', '+8613800000199', '008613800000199']) {
      expect(normaliseCallerNumber(delivered)).toBe('+8613800000199');
    }
    expect(normaliseCallerNumber('861440123456789')).toBe('+861440123456789');
  });

  it('has no number for a withheld or empty caller id', () => {
    expect(normaliseCallerNumber('')).toBeNull();
    expect(normaliseCallerNumber('anonymous')).toBeNull();
  });
});
