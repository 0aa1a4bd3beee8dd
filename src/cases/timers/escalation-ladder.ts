/** Who is called when a deadline breaches, and how long after the breach. */
export interface LadderStep {
  role: 'supervisor' | 'department';
  afterMs: number;
}

/** "supervisor:0,department:30" (minutes after the breach), as the env schema has checked it. */
export function parseLadder(value: string): LadderStep[] {
  return value.split(',').map((part) => {
    const [role, minutes] = part.split(':');
    return { role: role === 'department' ? 'department' : 'supervisor', afterMs: Number(minutes) * 60_000 };
  });
}
