import { type AttemptOutcome, isReachedOutcome } from './attempt-outcome';
import type { NextStep } from './next-step';

export interface HouseholdCallStatus {
  householdId: string;
  gridId: string;
  step: NextStep;
}

export interface GridWorkerAssignment {
  personId: string;
  gridId: string;
}

interface UnreachedHousehold {
  householdId: string;
  gridId: string;
  /** How calling ended: the final outcome, or the last outcome before retries ran out (null: no number). */
  outcome: AttemptOutcome | null;
}

interface DoorToDoorList {
  personId: string;
  households: UnreachedHousehold[];
  /** The text message for the grid worker. */
  message: string;
}

export interface DoorToDoorPlan {
  lists: DoorToDoorList[];
  /** Unreached households in grids with no grid worker: the cadre has to follow them up. */
  withoutWorker: UnreachedHousehold[];
}

export function unreachedNotice(count: number): string {
  return `您网格内有${count}户未接通，名单已发送`;
}

/**
 * Households that calling is done with but that never confirmed or declined, grouped for the grid
 * workers who visit them. Households still being retried are left out. A grid with several workers
 * gives each of them the whole list; workers with nothing to visit get no list.
 */
export function groupUnreachedByGridWorker(
  statuses: readonly HouseholdCallStatus[],
  workers: readonly GridWorkerAssignment[],
): DoorToDoorPlan {
  const unreached = statuses.flatMap(toUnreached);
  const byPerson = new Map<string, UnreachedHousehold[]>();
  const staffedGrids = new Set(workers.map((worker) => worker.gridId));
  for (const worker of workers) {
    const households = unreached.filter((household) => household.gridId === worker.gridId);
    byPerson.set(worker.personId, [...(byPerson.get(worker.personId) ?? []), ...households]);
  }
  const lists = [...byPerson.entries()]
    .filter(([, households]) => households.length > 0)
    .map(([personId, households]) => ({ personId, households, message: unreachedNotice(households.length) }));
  return { lists, withoutWorker: unreached.filter((household) => !staffedGrids.has(household.gridId)) };
}

function toUnreached(status: HouseholdCallStatus): UnreachedHousehold[] {
  const { householdId, gridId, step } = status;
  if (step.kind === 'exhausted') return [{ householdId, gridId, outcome: step.lastOutcome }];
  if (step.kind === 'final' && !isReachedOutcome(step.outcome))
    return [{ householdId, gridId, outcome: step.outcome }];
  return [];
}
