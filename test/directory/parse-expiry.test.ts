import { UsageError } from '../../src/cli/command';
import { parseExpiry } from '../../src/cli/parse-expiry';

const NOW = new Date('2026-12-01T08:00:00Z');

describe('linli token create --expires', () => {
  it.each([
    ['12h', '2026-12-01T20:00:00.000Z'],
    ['90d', '2027-03-01T08:00:00.000Z'],
    ['2w', '2026-12-15T08:00:00.000Z'],
    ['2026-12-31T18:00+08:00', '2026-12-31T10:00:00.000Z'],
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('%s expires at %s', (text, iso) => {
    expect(parseExpiry(text, NOW).toISOString()).toBe(iso);
  });

  it.each(['0d', '2026-11-30T00:00Z', '2026-12-31', 'tomorrow', '3m'])('refuses %s', (text) => {
    expect(() => parseExpiry(text, NOW)).toThrow(UsageError);
  });
});
