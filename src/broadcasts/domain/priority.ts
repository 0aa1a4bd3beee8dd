/** How urgent a broadcast is; a higher one may stop a lower one playing on the same speaker. */
export const PRIORITIES = ['normal', 'important', 'emergency'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

/**
 * Whether a broadcast of `incoming` priority stops one of `playing` priority on a speaker. Only a
 * strictly higher one does: two emergencies on one speaker queue, one after the other, never mixed.
 */
export function preempts(incoming: Priority, playing: Priority): boolean {
  return priorityRank(incoming) > priorityRank(playing);
}

/** Whether a speaker whose floor is `floor` plays a broadcast of `priority`. */
export function meetsFloor(priority: Priority, floor: Priority): boolean {
  return priorityRank(priority) >= priorityRank(floor);
}
