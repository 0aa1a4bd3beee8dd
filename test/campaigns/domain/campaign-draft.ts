import type { CampaignDraft } from '../../../src/campaigns/domain';

/** A draft every test starts from: the nucleic-acid test notice to two villages. */
export function nucleicTestDraft(): CampaignDraft {
  return {
    name: '核酸检测通知',
    audience: { villageIds: ['village-east'], gridIds: [], householdTags: [], uploadedListId: null },
    message: {
      kind: 'tts',
      text: '核酸检测明天上午九点在村委会，确认请按1，不能参加请按2，重听请按9',
    },
    trunk: 'pstn',
    callerId: '+862012345678',
  };
}
