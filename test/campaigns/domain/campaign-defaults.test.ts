import { applyCampaignDefaults, DEFAULT_RETRY_POLICY } from '../../../src/campaigns/domain';
import { nucleicTestDraft } from './campaign-draft';

describe('applyCampaignDefaults', () => {
  it('fills a bare draft with the village defaults', () => {
    const campaign = applyCampaignDefaults(nucleicTestDraft());
    expect(campaign.menu.options.map((o) => [o.digit, o.action])).toEqual([
      ['1', 'confirm'],
      ['2', 'decline'],
      ['9', 'repeat'],
    ]);
    expect(campaign.menu.maxRepeats).toBe(2);
    expect(campaign.window).toEqual({ start: '08:00', end: '20:30', excludedDates: [] });
    expect(campaign.priority).toBe('normal');
    expect(campaign.drill).toBe(false);
    expect(campaign.maxChannels).toBeNull();
    expect(campaign.maxCallsPerSecond).toBeNull();
    expect(campaign.doNotCall).toEqual([]);
    expect(campaign.retry).toEqual(DEFAULT_RETRY_POLICY);
  });

  it('lets an emergency call around the clock, but keeps a drill to daytime', () => {
    expect(applyCampaignDefaults({ ...nucleicTestDraft(), priority: 'emergency' }).window).toMatchObject({
      start: '00:00',
      end: '24:00',
    });
    expect(
      applyCampaignDefaults({ ...nucleicTestDraft(), priority: 'emergency', drill: true }).window,
    ).toMatchObject({ start: '08:00', end: '20:30' });
  });

  it('keeps what the draft says and fills only the rest', () => {
    const campaign = applyCampaignDefaults({
      ...nucleicTestDraft(),
      window: { end: '18:00', excludedDates: ['2024-05-01'] },
      retry: { busy: { retries: 5 }, machine: { leaveMessage: true } },
      maxChannels: 10,
    });
    expect(campaign.window).toEqual({ start: '08:00', end: '18:00', excludedDates: ['2024-05-01'] });
    expect(campaign.retry.busy).toEqual({ retries: 5, delayMinutes: DEFAULT_RETRY_POLICY.busy.delayMinutes });
    expect(campaign.retry.machine).toEqual({ ...DEFAULT_RETRY_POLICY.machine, leaveMessage: true });
    expect(campaign.retry.no_answer).toEqual(DEFAULT_RETRY_POLICY.no_answer);
    expect(campaign.maxChannels).toBe(10);
  });

  it('gives each campaign its own menu, so editing one leaves the defaults alone', () => {
    const first = applyCampaignDefaults(nucleicTestDraft());
    first.menu.options[0]!.label = 'changed';
    expect(applyCampaignDefaults(nucleicTestDraft()).menu.options[0]!.label).toBe('确认');
  });
});
