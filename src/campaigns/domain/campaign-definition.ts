import type { RetryPolicy } from './retry-policy';

/** Most urgent first; channels go to earlier priorities first. */
export const CAMPAIGN_PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const;
export type CampaignPriority = (typeof CAMPAIGN_PRIORITIES)[number];

/**
 * Who is called: households in any listed village or grid, narrowed to those carrying at least one of
 * `householdTags` when tags are given, plus everyone on the uploaded list.
 */
export interface AudienceSelection {
  villageIds: string[];
  gridIds: string[];
  householdTags: string[];
  uploadedListId: string | null;
}

export type CampaignMessage = { kind: 'tts'; text: string } | { kind: 'audio'; audioFileId: string };

export type MenuAction = 'confirm' | 'decline' | 'repeat';

interface MenuOption {
  /** One key: 0-9 or *. */
  digit: string;
  action: MenuAction;
  /** What the cadre sees in reports, e.g. 确认参加. */
  label: string;
}

export interface DtmfMenu {
  options: MenuOption[];
  /** Replays the repeat digit may ask for, on top of the first play. */
  maxRepeats: number;
}

/**
 * When calls may start, in Asia/Shanghai wall-clock time. `start` is inclusive and `end` exclusive;
 * `end` may be "24:00". Windows never cross midnight: validation rejects start >= end.
 */
export interface CallingWindow {
  start: string;
  end: string;
  /** Shanghai calendar dates (YYYY-MM-DD) with no calls at all, e.g. market days or holidays. */
  excludedDates: string[];
}

export interface CampaignDefinition {
  name: string;
  audience: AudienceSelection;
  message: CampaignMessage;
  menu: DtmfMenu;
  trunk: string;
  callerId: string;
  /** Most simultaneous calls for this campaign; null: only the trunk's limit applies. */
  maxChannels: number | null;
  /** Most call starts per second for this campaign; null: only the trunk's limit applies. */
  maxCallsPerSecond: number | null;
  window: CallingWindow;
  retry: RetryPolicy;
  /** E.164 numbers never to dial. */
  doNotCall: string[];
  priority: CampaignPriority;
  /** An exercise: real calls, but it must never hold back real work (see validation). */
  drill: boolean;
}

/** What a cadre submits; `applyCampaignDefaults` fills in the rest. */
export interface CampaignDraft {
  name: string;
  audience: AudienceSelection;
  message: CampaignMessage;
  trunk: string;
  callerId: string;
  menu?: DtmfMenu;
  maxChannels?: number | null;
  maxCallsPerSecond?: number | null;
  window?: Partial<CallingWindow>;
  retry?: RetryPolicyOverrides;
  doNotCall?: string[];
  priority?: CampaignPriority;
  drill?: boolean;
}

/** Per-outcome changes to the default retry policy; fields left out keep their default. */
export type RetryPolicyOverrides = {
  [K in keyof RetryPolicy]?: RetryPolicy[K] extends object ? Partial<RetryPolicy[K]> : RetryPolicy[K];
};
