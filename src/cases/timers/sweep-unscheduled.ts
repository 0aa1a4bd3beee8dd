import type { CaseCategory } from '../domain/case-types';
import { caseFacts } from '../domain/case-log';
import { nextDeadline } from '../domain/sla-state';
import { scheduleCaseTimers, type CaseTimerDeps } from './schedule-case-timers';

/**
 * Cases opened without their first deadline (by a capability calling openCase on its own, or before a
 * crash between the opening and its timers) get it here, with their timers. Returns how many.
 */
export async function sweepUnscheduledCases(deps: CaseTimerDeps, limit = 500): Promise<number> {
  const rows = await deps.db.governanceCase.findMany({
    where: { state: 'received', eventCount: 1, nextDeadlineAt: null },
    select: { id: true, openedAt: true, category: true, urgent: true },
    take: limit,
  });
  const now = deps.now();
  for (const row of rows) {
    const policy = await deps.rules.policyFor(deps.db, row.category as CaseCategory, row.urgent);
    const facts = caseFacts([{ seq: 1, at: row.openedAt.getTime() }]);
    const deadline = nextDeadline(deps.rules.evaluate(facts, policy, now).stages);
    if (deadline === null) continue;
    await deps.db.governanceCase.updateMany({
      where: { id: row.id, eventCount: 1 },
      data: { nextDeadlineAt: new Date(deadline) },
    });
    await scheduleCaseTimers(deps, row.id);
  }
  return rows.length;
}
