import type { CampaignFieldProblem } from './campaign-field-problem';
import { RETRYABLE_OUTCOMES, type RetryPolicy } from './retry-policy';

/** Calling a household more often than this is harassment, whatever the campaign. */
const MAX_RETRIES_PER_OUTCOME = 10;
const MAX_ROUNDS_PER_HOUSEHOLD = 10;

export function validateRetryPolicy(policy: RetryPolicy, path = 'retry'): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  for (const outcome of RETRYABLE_OUTCOMES) {
    const rule = policy[outcome];
    if (!Number.isInteger(rule.retries) || rule.retries < 0 || rule.retries > MAX_RETRIES_PER_OUTCOME) {
      errors.push({
        field: `${path}.${outcome}.retries`,
        code: 'out_of_range',
        reason: `retries are a whole number from 0 to ${MAX_RETRIES_PER_OUTCOME}`,
      });
    }
    if (!Number.isFinite(rule.delayMinutes) || rule.delayMinutes < 0) {
      errors.push({
        field: `${path}.${outcome}.delayMinutes`,
        code: 'out_of_range',
        reason: 'a retry delay is 0 minutes or more',
      });
    }
  }
  const rounds = policy.maxRoundsPerHousehold;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS_PER_HOUSEHOLD) {
    errors.push({
      field: `${path}.maxRoundsPerHousehold`,
      code: 'out_of_range',
      reason: `rounds per household are a whole number from 1 to ${MAX_ROUNDS_PER_HOUSEHOLD}`,
    });
  }
  return errors;
}
