import { apiFieldPath, interpretRequest } from '../../src/campaigns/create/campaign-request';

const base = {
  name: '通知',
  audience: { villages: ['v1'] },
  message: { text: '开会' },
  trunk: 'pstn',
  callerId: '+8657112345678',
};

describe('a campaign request as the domain reads it', () => {
  it('fills in the dial settings', () => {
    expect(interpretRequest(base).settings).toEqual({
      answeringMachine: 'ignore',
      ringTimeoutSeconds: 30,
      digitTimeoutSeconds: 5,
      announceMenu: true,
    });
  });

  it('leaves messages on machines only when asked to', () => {
    expect(
      interpretRequest({ ...base, answeringMachine: 'leave-message' }).draft.retry?.machine?.leaveMessage,
    ).toBe(true);
    expect(
      interpretRequest({ ...base, answeringMachine: 'retry-later' }).draft.retry?.machine?.leaveMessage,
    ).toBe(false);
  });

  it('reads do-not-call numbers with Chinese numbering rules and reports the unreadable ones', () => {
    const read = interpretRequest({ ...base, doNotCall: ['138 0013 8000', '12'] });
    expect(read.draft.doNotCall).toEqual(['+8613800138000']);
    expect(read.errors).toEqual([
      { field: 'doNotCall[1]', code: 'invalid_format', reason: expect.any(String) },
    ]);
  });

  it('takes a recording when one is named', () => {
    expect(interpretRequest({ ...base, message: { audioFileId: 'a1' } }).draft.message).toEqual({
      kind: 'audio',
      audioFileId: 'a1',
    });
  });

  it('names the domain’s fields as the API does', () => {
    expect(apiFieldPath('audience.villageIds[2]')).toBe('audience.villages[2]');
    expect(apiFieldPath('audience.uploadedListId')).toBe('audience.listId');
    expect(apiFieldPath('window.end')).toBe('window.end');
  });
});
