import type { Redis } from 'ioredis';
import type { EndedCallRecord, MachineVerdict } from '../call-events';
import { CALL_TTL_SECONDS, type TwilioKeys } from './call-keys';
import type { NotifyScript } from './verbs/notify';

/** What linli keeps in Redis about one Twilio call while it lasts. */
export interface StoredCall {
  sid: string;
  trunk: string;
  script: NotifyScript | null;
  answered: boolean;
  /** The key a notify's menu took as the answer. */
  digit: string;
  machine: MachineVerdict | null;
  /** The cause linli asked for when it hung the call up. */
  cause: number | undefined;
}

/** A Twilio call's state in Redis, shared by the process that placed it and every webhook. */
export class TwilioCallStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: TwilioKeys,
  ) {}

  /** Before the call is placed: its trunk and script, so its first webhook finds them. */
  async create(callId: string, trunk: string, script: NotifyScript | null): Promise<void> {
    const key = this.keys.call(callId);
    await this.redis
      .multi()
      .hset(key, { trunk, ...(script ? { script: JSON.stringify(script) } : {}) })
      .expire(key, CALL_TTL_SECONDS)
      .hset(this.keys.live, callId, trunk)
      .exec();
  }

  /** Twilio's sid for the call, once it is known (the REST answer, or the first webhook). */
  async setSid(callId: string, sid: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.call(callId), 'sid', sid)
      .set(this.keys.sid(sid), callId, 'EX', CALL_TTL_SECONDS)
      .exec();
  }

  async callIdOfSid(sid: string): Promise<string | null> {
    return this.redis.get(this.keys.sid(sid));
  }

  async get(callId: string): Promise<StoredCall | null> {
    const fields = await this.redis.hgetall(this.keys.call(callId));
    if (!fields.trunk) return null;
    return {
      sid: fields.sid ?? '',
      trunk: fields.trunk,
      script: fields.script ? (JSON.parse(fields.script) as NotifyScript) : null,
      answered: fields.answered === '1',
      digit: fields.digit ?? '',
      machine: (fields.machine as MachineVerdict | undefined) ?? null,
      cause: fields.cause === undefined ? undefined : Number(fields.cause),
    };
  }

  /** Marks the call answered; true only the first time (the event is raised once). */
  async markAnswered(callId: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.call(callId), 'answered', '1')) === 1;
  }

  async set(callId: string, fields: Partial<Record<'digit' | 'machine' | 'cause', string>>): Promise<void> {
    await this.redis.hset(this.keys.call(callId), fields);
  }

  /** A call Twilio refused: it never was. */
  async forget(callId: string): Promise<void> {
    await this.redis.multi().del(this.keys.call(callId)).hdel(this.keys.live, callId).exec();
  }

  /** The call ended: it leaves the live list, and its outcome is kept for recoverEndedCall. */
  async ended(callId: string, record: EndedCallRecord): Promise<void> {
    await this.redis
      .multi()
      .hdel(this.keys.live, callId)
      .set(this.keys.outcome(callId), JSON.stringify(record), 'EX', CALL_TTL_SECONDS)
      .exec();
  }

  /** What an ended call left, without taking it (recoverEndedCall still reads it once). */
  async peekOutcome(callId: string): Promise<EndedCallRecord | null> {
    const text = await this.redis.get(this.keys.outcome(callId));
    return text ? (JSON.parse(text) as EndedCallRecord) : null;
  }

  /** What an ended call left, read once. */
  async takeOutcome(callId: string): Promise<EndedCallRecord | null> {
    const text = await this.redis.getdel(this.keys.outcome(callId));
    return text ? (JSON.parse(text) as EndedCallRecord) : null;
  }

  async liveCalls(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.live);
  }
}
