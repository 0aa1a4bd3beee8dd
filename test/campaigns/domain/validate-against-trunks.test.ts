import {
  applyCampaignDefaults,
  unknownReference,
  validateAgainstTrunks,
} from '../../../src/campaigns/domain';
import { nucleicTestDraft } from './campaign-draft';

const trunks = [{ name: 'pstn', channels: 30, cps: 10 }];

describe('validateAgainstTrunks', () => {
  it('accepts caps within the trunk', () => {
    const campaign = applyCampaignDefaults({ ...nucleicTestDraft(), maxChannels: 30, maxCallsPerSecond: 10 });
    expect(validateAgainstTrunks(campaign, trunks)).toEqual([]);
  });

  it('reports a trunk configuration does not define', () => {
    const campaign = applyCampaignDefaults({ ...nucleicTestDraft(), trunk: 'backup' });
    expect(validateAgainstTrunks(campaign, trunks)).toEqual([
      { field: 'trunk', code: 'unknown_reference', reason: 'no trunk "backup" exists' },
    ]);
  });

  it('reports caps beyond what the carrier sells', () => {
    const campaign = applyCampaignDefaults({ ...nucleicTestDraft(), maxChannels: 31, maxCallsPerSecond: 12 });
    expect(validateAgainstTrunks(campaign, trunks).map((e) => [e.field, e.code])).toEqual([
      ['maxChannels', 'out_of_range'],
      ['maxCallsPerSecond', 'out_of_range'],
    ]);
  });
});

describe('unknownReference', () => {
  it('names the kind and the id for the cadre', () => {
    expect(unknownReference('audience.gridIds[2]', 'grid', 'g-77')).toEqual({
      field: 'audience.gridIds[2]',
      code: 'unknown_reference',
      reason: 'no grid "g-77" exists',
    });
  });
});
