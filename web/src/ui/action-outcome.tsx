/** What an action answered, said to screen readers as a status, or as an alert when it failed. */
export interface ActionOutcome {
  ok: boolean;
  text: string;
}

export function ActionOutcomeLine({ outcome }: { outcome: ActionOutcome | null }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? undefined : 'problem'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  );
}
