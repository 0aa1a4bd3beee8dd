import {
  applyCampaignDefaults,
  unknownReferenceError,
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
      { path: 'trunk', code: 'unknown_reference', message: 'no trunk "backup" exists' },
    ]);
  });

  it('reports caps beyond what the carrier sells', () => {
    const campaign = applyCampaignDefaults({ ...nucleicTestDraft(), maxChannels: 31, maxCallsPerSecond: 12 });
    expect(validateAgainstTrunks(campaign, trunks).map((e) => [e.path, e.code])).toEqual([
      ['maxChannels', 'out_of_range'],
      ['maxCallsPerSecond', 'out_of_range'],
    ]);
  });
});

describe('unknownReferenceError', () => {
  it('names the kind and the id for the cadre', () => {
    expect(unknownReferenceError('audience.gridIds[2]', 'grid', 'g-77')).toEqual({
      path: 'audience.gridIds[2]',
      code: 'unknown_reference',
      message: 'no grid "g-77" exists',
    });
  });
});
