import type { Dialplan, DialplanStep } from './read-extensions-conf';

export interface TollFraudFinding {
  context: string;
  line: number;
  step: string;
  reason: string;
}

/** Applications that can place a call out of Asterisk. */
const DIALLING_APPS = new Set(['dial', 'queue', 'page', 'followme', 'originate', 'dialplan']);

/** Contexts a step can send the call to: Goto, GotoIf, Gosub, GosubIf targets naming a context. */
function targets(step: DialplanStep, contexts: Set<string>): string[] {
  if (!/^(goto|gotoif|gosub|gosubif|execif)$/i.test(step.app)) return [];
  const found: string[] = [];
  for (const m of step.args.matchAll(/([A-Za-z][\w-]*),[^,()?:]+,[^,()?:]+/g)) {
    if (m[1] && contexts.has(m[1])) found.push(m[1]);
  }
  return found;
}

/**
 * Follows every context reachable from the inbound entry contexts and reports any step that could
 * dial out. Calls arriving on a trunk must reach linli's services only, or an outsider could use
 * the trunk to call premium numbers at the village's expense.
 */
export function findTollFraudPaths(plan: Dialplan, entries: string[]): TollFraudFinding[] {
  const names = new Set(plan.contexts.keys());
  const seen = new Set<string>();
  const queue = [...entries];
  const findings: TollFraudFinding[] = [];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const ctx = plan.contexts.get(name);
    if (!ctx) continue;
    queue.push(...ctx.includes);
    for (const step of ctx.steps) {
      queue.push(...targets(step, names));
      const app = step.app.toLowerCase();
      const nested = /\b(Dial|Queue|Page|FollowMe)\(/i.exec(step.args);
      if (DIALLING_APPS.has(app) || nested) {
        findings.push({
          context: name,
          line: step.line,
          step: `${step.app}(${step.args})`,
          reason: `inbound calls can reach ${nested?.[1] ?? step.app}, which places calls`,
        });
      }
    }
  }
  return findings;
}
