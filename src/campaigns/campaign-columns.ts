import type { CampaignDefinition, CapacityPlan, PlanComparison } from './domain';

/**
 * What Campaign's JSON columns hold today (definition, prediction, actual). campaign-json.ts stores them
 * version by version; campaign-record.ts reads them into a CampaignRecord.
 */

export const ANSWERING_MACHINE_MODES = ['ignore', 'leave-message', 'retry-later'] as const;
/**
 * ignore: no detection, a machine counts as answered without a key; leave-message: play the message after
 * the beep (the household is done); retry-later: hang up on machines and call again (retry.machine).
 */
export type AnsweringMachineMode = (typeof ANSWERING_MACHINE_MODES)[number];

/** How calls are placed, beyond the campaign rules of the domain. */
export interface DialSettings {
  answeringMachine: AnsweringMachineMode;
  ringTimeoutSeconds: number;
  digitTimeoutSeconds: number;
  /** Append "确认请按1，…" built from the menu labels to the message. */
  announceMenu: boolean;
}

/** Campaign.definition as stored (campaign-json.ts): the validated definition and the dial settings. */
export interface StoredDefinition extends CampaignDefinition {
  settings: DialSettings;
}

/** Campaign.prediction: the capacity planner's plan at creation, and what its statistics came from. */
export interface StoredPrediction extends CapacityPlan {
  basis: 'history' | 'defaults';
}

/** Campaign.actual, written when the campaign completes: what happened, beside the prediction. */
export interface CampaignActual {
  endedAt: Date;
  startedAt: Date | null;
  attempts: number;
  channelSeconds: number;
  /** Null when the campaign had no readable prediction. */
  comparison: PlanComparison | null;
}
