import { admitNumber } from './number-guard';
import { bucketRefilled, takeToken, type Bucket, type RatePolicy } from './rate-limit';
import {
  isBlocked,
  isScannerAgent,
  NO_STRIKES,
  strikesExpired,
  strikeUnknownNumber,
  type SourceStrikes,
  type StrikePolicy,
} from './scanner-guard';

export interface AdmissionPolicy {
  /** Numbers the edge passes to Asterisk: linli's services. */
  served: ReadonlySet<string>;
  /** Of those, the SOS numbers: a carrier's SOS calls are never held back by the rate limit. */
  sos: ReadonlySet<string>;
  /** The carriers' addresses: never blocked for dialling unknown numbers (a misdial is not a scan). */
  carriers: ReadonlySet<string>;
  rate: RatePolicy;
  strikes: StrikePolicy;
}

/** What the edge remembers of one source address. */
export interface SourceRecord {
  strikes: SourceStrikes;
  bucket?: Bucket;
}

export interface InviteFacts {
  source: string;
  userAgent: string | undefined;
  requestUri: string;
  now: number;
}

export type Admission =
  | { admit: true; number: string }
  | { admit: false; status: 403 | 404 | 503; reason: string; retryAfterS?: number };

/**
 * Whether an INVITE may go on to Asterisk, and what the edge then remembers of its source.
 * Scanners' user agents and blocked sources are refused (403); numbers linli does not serve are
 * refused (404) and count against the source; a source over its rate is told to retry (503).
 */
export function admitInvite(
  facts: InviteFacts,
  record: SourceRecord | undefined,
  policy: AdmissionPolicy,
): { admission: Admission; record: SourceRecord } {
  const { now, source } = facts;
  const current: SourceRecord = record ?? { strikes: NO_STRIKES };
  if (isScannerAgent(facts.userAgent)) {
    return { admission: { admit: false, status: 403, reason: 'scanner' }, record: current };
  }
  if (isBlocked(current.strikes, now)) {
    return { admission: { admit: false, status: 403, reason: 'blocked' }, record: current };
  }
  const carrier = policy.carriers.has(source);
  const verdict = admitNumber(facts.requestUri, policy.served);
  if (!verdict.admit) {
    const strikes = carrier ? current.strikes : strikeUnknownNumber(current.strikes, now, policy.strikes);
    return {
      admission: { admit: false, status: 404, reason: 'number not served' },
      record: { ...current, strikes },
    };
  }
  if (carrier && policy.sos.has(verdict.number)) {
    return { admission: { admit: true, number: verdict.number }, record: current };
  }
  const taken = takeToken(current.bucket, now, policy.rate);
  const next = { ...current, bucket: taken.bucket };
  if (!taken.allowed) {
    const retryAfterS = Math.max(1, Math.ceil(1 / policy.rate.perSecond));
    return { admission: { admit: false, status: 503, reason: 'rate', retryAfterS }, record: next };
  }
  return { admission: { admit: true, number: verdict.number }, record: next };
}

/** Whether the edge can forget a source: not blocked, no recent strikes, a full bucket. */
export function sourceForgettable(record: SourceRecord, now: number, policy: AdmissionPolicy): boolean {
  return (
    strikesExpired(record.strikes, now, policy.strikes) &&
    (record.bucket === undefined || bucketRefilled(record.bucket, now, policy.rate))
  );
}
