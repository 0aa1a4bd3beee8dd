import type { CallingWindow, CampaignDefinition, CampaignDraft, DtmfMenu } from './campaign-definition';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export const DEFAULT_MENU: DtmfMenu = {
  options: [
    { digit: '1', action: 'confirm', label: '确认' },
    { digit: '2', action: 'decline', label: '不能参加' },
    { digit: '9', action: 'repeat', label: '重听' },
  ],
  maxRepeats: 2,
};

/** Quiet hours outside 08:00–20:30, when villagers expect calls. */
const DEFAULT_WINDOW: Omit<CallingWindow, 'excludedDates'> = { start: '08:00', end: '20:30' };

/** Real emergencies (floods, fires) cannot wait for the morning. */
const EMERGENCY_WINDOW: Omit<CallingWindow, 'excludedDates'> = { start: '00:00', end: '24:00' };

/**
 * Fills in everything the draft left out. An emergency campaign calls around the clock unless the draft
 * says otherwise; an emergency drill keeps daytime hours, since waking a village for an exercise is wrong.
 */
export function applyCampaignDefaults(draft: CampaignDraft): CampaignDefinition {
  const priority = draft.priority ?? 'normal';
  const drill = draft.drill ?? false;
  const windowHours = priority === 'emergency' && !drill ? EMERGENCY_WINDOW : DEFAULT_WINDOW;
  return {
    name: draft.name,
    audience: draft.audience,
    message: draft.message,
    menu: draft.menu ?? { ...DEFAULT_MENU, options: DEFAULT_MENU.options.map((option) => ({ ...option })) },
    trunk: draft.trunk,
    callerId: draft.callerId,
    maxChannels: draft.maxChannels ?? null,
    maxCallsPerSecond: draft.maxCallsPerSecond ?? null,
    window: {
      start: draft.window?.start ?? windowHours.start,
      end: draft.window?.end ?? windowHours.end,
      excludedDates: draft.window?.excludedDates ?? [],
    },
    retry: mergeRetryPolicy(draft.retry ?? {}),
    doNotCall: draft.doNotCall ?? [],
    priority,
    drill,
  };
}

function mergeRetryPolicy(overrides: NonNullable<CampaignDraft['retry']>): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  return {
    busy: { ...d.busy, ...overrides.busy },
    no_answer: { ...d.no_answer, ...overrides.no_answer },
    failed: { ...d.failed, ...overrides.failed },
    answered_no_digit: { ...d.answered_no_digit, ...overrides.answered_no_digit },
    rejected: { ...d.rejected, ...overrides.rejected },
    machine: { ...d.machine, ...overrides.machine },
    unknown: { ...d.unknown, ...overrides.unknown },
    maxRoundsPerHousehold: overrides.maxRoundsPerHousehold ?? d.maxRoundsPerHousehold,
  };
}
