import { z } from 'zod';
import type { DbClient } from '../../directory/db-client';
import { VersionedJson } from '../../db/versioned-json';
import type { Logger } from '../../logging';
import type { CaseFacts } from '../domain/case-log';
import type { CaseCategory } from '../domain/case-types';
import { elapsedClock, workingHoursClock, type WorkingHours } from '../domain/sla-clock';
import { defaultPolicy, type SlaPolicy } from '../domain/sla-policy';
import { slaState, type StageSla } from '../domain/sla-state';
import { chinaWorkingCalendar, yearsBetween, type WorkingCalendar } from '../domain/working-calendar';

/** CaseSlaPolicy.policy, version 1. */
export const slaPolicyJson = VersionedJson.first(
  'CaseSlaPolicy.policy',
  z.object({
    clock: z.enum(['elapsed', 'working']),
    acceptMinutes: z.number(),
    dispatchMinutes: z.number(),
    onSiteMinutes: z.number().nullable(),
    resolveMinutes: z.number().nullable(),
    resolveWorkingDays: z.number().nullable(),
  }),
);

interface CaseSla {
  stages: StageSla[];
  /** Said when a deadline falls in a year whose holidays are not published (weekends only). */
  warnings: string[];
}

/** A case's SLA as the API, the timers and the reports see it: policy, calendar and working hours together. */
export interface CaseSlaRules {
  policyFor(db: DbClient, category: CaseCategory, urgent: boolean): Promise<SlaPolicy>;
  /** The policy from its stored row as read with the case (null: the default for the category). */
  policyOf(
    stored: { id: string; policy: unknown } | null,
    category: CaseCategory,
    urgent: boolean,
  ): SlaPolicy;
  evaluate(facts: CaseFacts, policy: SlaPolicy, now: number): CaseSla;
}

export function caseSlaRules(options: {
  hours: WorkingHours;
  logger: Logger;
  calendar?: WorkingCalendar;
}): CaseSlaRules {
  const calendar = options.calendar ?? chinaWorkingCalendar();
  const working = workingHoursClock(calendar, options.hours);
  const workingDayMs = (options.hours.endMinute - options.hours.startMinute) * 60_000;
  const warned = new Set<number>();
  return {
    async policyFor(db, category, urgent) {
      const row = await db.caseSlaPolicy.findUnique({ where: { category_urgent: { category, urgent } } });
      return row ? slaPolicyJson.read(row.id, row.policy) : defaultPolicy(category, urgent);
    },
    policyOf: (stored, category, urgent) =>
      stored ? slaPolicyJson.read(stored.id, stored.policy) : defaultPolicy(category, urgent),
    evaluate(facts, policy, now) {
      const clock = policy.clock === 'working' ? working : elapsedClock;
      const stages = slaState(facts, policy, { clock, workingDayMs }, now);
      const last = Math.max(now, ...stages.map((s) => s.deadlineAt ?? now));
      const missing =
        policy.clock === 'working' ? calendar.unscheduledYears(yearsBetween(facts.openedAt, last)) : [];
      const warnings = missing.map(
        (year) => `no published holiday schedule for ${year}: its working days are taken as Monday to Friday`,
      );
      for (const year of missing) {
        if (warned.has(year)) continue;
        warned.add(year);
        options.logger.warn(
          { year },
          'no published holiday schedule for this year; SLA working days fall back to weekdays',
        );
      }
      return { stages, warnings };
    },
  };
}
