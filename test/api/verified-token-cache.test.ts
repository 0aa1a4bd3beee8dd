import type { ApiTokenView } from '../../src/api/auth/tokens';
import { VerifiedTokenCache } from '../../src/api/auth/verified-token-cache';

const token = (id: string): ApiTokenView => ({
  id,
  name: `desk ${id}`,
  role: 'DISPATCHER',
  areaId: null,
  personId: null,
  createdAt: new Date(0),
  revokedAt: null,
  lastUsedAt: null,
  expiresAt: null,
});

describe('VerifiedTokenCache', () => {
  let now = 0;
  const cache = (maxEntries = 10) => new VerifiedTokenCache(2_000, maxEntries, () => now);
  beforeEach(() => (now = 1_000_000));

  it('trusts a token for the TTL after it was found active, then asks again', () => {
    const verified = cache();
    verified.remember('hash-a', token('a'));
    now += 1_999;
    expect(verified.get('hash-a')?.id).toBe('a');
    now += 1;
    expect(verified.get('hash-a')).toBeUndefined();
  });

  it('forgets a token revoked here at once, under whatever hash it was stored', () => {
    const verified = cache();
    verified.remember('hash-a', token('a'));
    verified.remember('hash-b', token('b'));
    verified.forgetToken('a');
    expect(verified.get('hash-a')).toBeUndefined();
    expect(verified.get('hash-b')?.id).toBe('b');
  });

  it('holds at most its bound, dropping the token stored longest ago', () => {
    const verified = cache(2);
    verified.remember('hash-a', token('a'));
    verified.remember('hash-b', token('b'));
    verified.remember('hash-a', token('a'));
    verified.remember('hash-c', token('c'));
    expect(verified.get('hash-b')).toBeUndefined();
    expect(verified.get('hash-a')?.id).toBe('a');
    expect(verified.get('hash-c')?.id).toBe('c');
  });
});
