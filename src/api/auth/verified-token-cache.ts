import type { ApiTokenView } from './tokens';

/**
 * How long a token found active in the database is trusted without asking it again. Every API request
 * names a token, and looking it up was a database round trip per request (about a third of a case
 * read's cost). A token revoked by another process (the CLI, another API process) therefore still works
 * for at most this long: the same order as the time a revocation takes to reach the person holding the
 * token, and far shorter than the 10 s the area tree behind every scope check is already cached for.
 * A revocation through this process's own API takes effect at once (forgetToken).
 */
export const VERIFIED_TOKEN_TTL_MS = 2_000;

/** Enough for every token a town uses at once; a flood of distinct tokens only evicts the oldest. */
const MAX_VERIFIED_TOKENS = 10_000;

/** Tokens found active, keyed by their hash (never the token itself), each trusted until its TTL ends. */
export class VerifiedTokenCache {
  // Insertion order is age order: the first key is the oldest, evicted when the cache is full.
  private readonly entries = new Map<string, { token: ApiTokenView; until: number }>();

  constructor(
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
    private readonly maxEntries = MAX_VERIFIED_TOKENS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token stored under `hash` if it was found active less than the TTL ago. */
  get(hash: string): ApiTokenView | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.token;
    this.entries.delete(hash);
    return undefined;
  }

  remember(hash: string, token: ApiTokenView): void {
    this.entries.delete(hash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(hash, { token, until: this.now() + this.ttlMs });
  }

  /** Stops trusting the token with this id (it was just revoked here). */
  forgetToken(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.token.id === id) this.entries.delete(hash);
  }
}
