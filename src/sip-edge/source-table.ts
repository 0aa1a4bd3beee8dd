import {
  admitInvite,
  sourceForgettable,
  type Admission,
  type AdmissionPolicy,
  type SourceRecord,
} from './domain';
import type { InviteFacts } from './domain/admission';

/** How often sources with nothing left to remember are forgotten. */
const SWEEP_EVERY_MS = 60_000;

/**
 * What this edge remembers of each source address (strikes, blocks, rate buckets), in memory: a
 * scanner is refused by the edge it hits, and an edge restart forgives it, which is acceptable.
 */
export class SourceTable {
  private readonly records = new Map<string, SourceRecord>();
  private lastSweep = 0;

  constructor(private readonly policy: AdmissionPolicy) {}

  admit(facts: InviteFacts): Admission {
    const { admission, record } = admitInvite(facts, this.records.get(facts.source), this.policy);
    this.records.set(facts.source, record);
    this.sweep(facts.now);
    return admission;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [source, record] of this.records) {
      if (sourceForgettable(record, now, this.policy)) this.records.delete(source);
    }
  }
}
