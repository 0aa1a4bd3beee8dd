/** A verb on a live call, as the dialplan takes it: variables to set, then the context to send it to. */
export interface LiveCallStep {
  context: string;
  variables: Record<string, string>;
}

export function seconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
