import { DEFAULT_MENU } from '../../src/campaigns/domain';
import { menuAnnouncement, spokenMessage } from '../../src/campaigns/create/spoken-message';
import { notifyVariables } from '../../src/campaigns/dialer/dialplan-variables';

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

  it('gives the dialplan the answer keys, the repeat key and how often the message may play', () => {
    const settings = {
      answeringMachine: 'leave-message',
      ringTimeoutSeconds: 30,
      digitTimeoutSeconds: 5,
      announceMenu: true,
    } as const;
    expect(notifyVariables(DEFAULT_MENU, settings, { message: '/m/a&/m/b', ack: null })).toEqual({
      LINLI_PROMPT: '/m/a&/m/b',
      LINLI_DIGITS: '12',
      LINLI_REPEAT_DIGIT: '9',
      LINLI_MAX_PLAYS: '3',
      LINLI_DIGIT_TIMEOUT: '5',
      LINLI_AMD: 'leave',
      LINLI_ACK_PROMPT: '',
    });
  });
});
