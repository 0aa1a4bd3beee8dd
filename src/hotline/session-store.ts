import { z } from 'zod';
import type { Redis } from 'ioredis';
import type { IvrSession } from './domain/ivr-types';

/** A session outlives any call by far; then Redis forgets it. */
const SESSION_TTL_SECONDS = 24 * 3600;
const LOCK_TTL_MS = 30_000;
const LOCK_WAIT_MS = 20_000;
const RETRY_MS = 5;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const category = z.enum(['complaint', 'consultation', 'suggestion', 'business', 'urgent']);
/** Version 1 of a stored session; a session in any other shape is not fed (and logged by the caller). */
const sessionSchema = z.object({
  v: z.literal(1),
  session: z.object({
    callId: z.string(),
    caller: z.object({
      callerNumber: z.string().nullable(),
      householdId: z.string().nullable(),
      gridId: z.string().nullable(),
    }),
    callRecording: z.string().nullable(),
    category: category.nullable(),
    villageId: z.string().nullable(),
    message: z.string().nullable(),
    workerCallId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    callerGone: z.boolean(),
    stage: z.discriminatedUnion('at', [
      z.object({ at: z.literal('menu'), tries: z.number() }),
      z.object({ at: z.literal('village'), tries: z.number() }),
      z.object({ at: z.literal('village-lookup'), tries: z.number() }),
      z.object({ at: z.literal('connecting') }),
      z.object({ at: z.literal('bridged') }),
      z.object({ at: z.literal('recording') }),
      z.object({ at: z.literal('opening') }),
      z.object({ at: z.literal('reading-back') }),
      z.object({ at: z.literal('done') }),
    ]),
  }),
});

/**
 * Hotline sessions in Redis, one key per call, changed only under the call's lock: every linli process
 * hears every call event, and whichever takes the lock first moves the session on.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(callId: string): string {
    return `${this.prefix}:hotline:session:${callId}`;
  }

  private legKey(workerCallId: string): string {
    return `${this.prefix}:hotline:leg:${workerCallId}`;
  }

  /** Stores a new session; false when another process created it first. */
  async create(session: IvrSession): Promise<boolean> {
    const stored = JSON.stringify({ v: 1, session });
    return (await this.redis.set(this.key(session.callId), stored, 'EX', SESSION_TTL_SECONDS, 'NX')) === 'OK';
  }

  async read(callId: string): Promise<IvrSession | null> {
    const text = await this.redis.get(this.key(callId));
    return text === null ? null : sessionSchema.parse(JSON.parse(text)).session;
  }

  /** Runs `change` on the session under its lock and stores what it returns; null when there is no session. */
  async update<T>(
    callId: string,
    change: (session: IvrSession) => { session: IvrSession; result: T },
  ): Promise<T | null> {
    // Most call events are not a hotline call's: they are turned away without taking a lock.
    if ((await this.redis.exists(this.key(callId))) === 0) return null;
    const lock = `${this.key(callId)}:lock`;
    const token = `${process.pid}:${Math.random()}`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    while ((await this.redis.set(lock, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`hotline session ${callId}: lock not free in time`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    try {
      const session = await this.read(callId);
      if (!session) return null;
      const changed = change(session);
      await this.redis.set(
        this.key(callId),
        JSON.stringify({ v: 1, session: changed.session }),
        'EX',
        SESSION_TTL_SECONDS,
      );
      return changed.result;
    } finally {
      await this.redis.eval(RELEASE, 1, lock, token);
    }
  }

  /** Remembers which caller a worker's call belongs to, so its events reach the caller's session. */
  async linkLeg(workerCallId: string, callId: string): Promise<void> {
    await this.redis.set(this.legKey(workerCallId), callId, 'EX', SESSION_TTL_SECONDS);
  }

  async callerOfLeg(workerCallId: string): Promise<string | null> {
    return this.redis.get(this.legKey(workerCallId));
  }
}
