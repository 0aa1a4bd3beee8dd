import { DEFAULT_MENU } from '../../src/campaigns/domain';
import { menuAnnouncement, spokenMessage } from '../../src/campaigns/create/spoken-message';
import type { CampaignRecord } from '../../src/campaigns/campaign-record';
import { campaignNotify } from '../../src/campaigns/dialer/campaign-notify';

describe('what the household hears', () => {
  it('announces the menu from its labels', () => {
    expect(menuAnnouncement(DEFAULT_MENU)).toBe('确认请按1，不能参加请按2，重听请按9。');
  });

  it('marks a drill as an exercise before anything else is said', () => {
    expect(spokenMessage('明天上午九点村委会开会', true, null)).toBe('演练：明天上午九点村委会开会。');
    expect(spokenMessage('明天开会！', false, DEFAULT_MENU)).toBe(
      '明天开会！确认请按1，不能参加请按2，重听请按9。',
    );
  });

  it('asks the engine for the answer keys, the repeat key and how often the message may play', () => {
    const settings = {
      answeringMachine: 'leave-message',
      ringTimeoutSeconds: 30,
      digitTimeoutSeconds: 5,
      announceMenu: true,
    } as const;
    // Only what a call needs of its campaign.
    const campaign = {
      trunk: 'pstn',
      callerId: null,
      definition: {
        message: { kind: 'audio', audioFileId: 'a1' },
        drill: true,
        menu: DEFAULT_MENU,
        settings,
      },
    } as unknown as CampaignRecord;
    const request = campaignNotify(campaign, 'call-1', '+8613800000001', 'pstn');
    expect(request).toMatchObject({
      callId: 'call-1',
      trunk: 'pstn',
      destination: '+8613800000001',
      ringTimeoutMs: 30_000,
      repeatDigit: '9',
      maxPlays: 3,
      digitTimeoutMs: 5000,
      machineDetection: 'leave-message',
    });
    expect(request.choices.map((c) => c.digit)).toEqual(['1', '2']);
    expect(request.prompt).toEqual([
      { kind: 'tts', text: '演练：' },
      { kind: 'audio', id: 'a1' },
      { kind: 'tts', text: '确认请按1，不能参加请按2，重听请按9。' },
    ]);
  });
});
