import {
  applyCampaignDefaults,
  type CampaignDefinition,
  type FieldProblemCode,
  MAX_TTS_MESSAGE_CHARS,
  validateCampaign,
} from '../../../src/campaigns/domain';
import { nucleicTestDraft } from './campaign-draft';

const valid = (): CampaignDefinition => applyCampaignDefaults(nucleicTestDraft());

type Mutation = (c: CampaignDefinition) => void;

describe('validateCampaign', () => {
  it('accepts the defaulted nucleic-acid notice', () => {
    expect(validateCampaign(valid())).toEqual([]);
  });

  it.each<[string, Mutation]>([
    [
      'a grid only',
      (c) => (c.audience = { villageIds: [], gridIds: ['g1'], householdTags: [], uploadedListId: null }),
    ],
    [
      'an uploaded list only',
      (c) => (c.audience = { villageIds: [], gridIds: [], householdTags: [], uploadedListId: 'u1' }),
    ],
    ['tags within a village', (c) => (c.audience.householdTags = ['elderly'])],
    ['an audio message', (c) => (c.message = { kind: 'audio', audioFileId: 'file-1' })],
    [
      'a message of exactly the maximum length',
      (c) => (c.message = { kind: 'tts', text: '通'.repeat(MAX_TTS_MESSAGE_CHARS) }),
    ],
    [
      'a window ending at midnight',
      (c) => (c.window = { start: '06:00', end: '24:00', excludedDates: ['2024-10-01'] }),
    ],
    [
      'a menu without repeat and no repeats',
      (c) => (c.menu = { options: [{ digit: '1', action: 'confirm', label: '收到' }], maxRepeats: 0 }),
    ],
    ['* as a key', (c) => (c.menu.options[2]!.digit = '*')],
    ['caps set', (c) => Object.assign(c, { maxChannels: 8, maxCallsPerSecond: 0.5 })],
    ['no retries at all', (c) => (c.retry.busy.retries = 0)],
    ['a do-not-call list', (c) => (c.doNotCall = ['+8613800138000'])],
    ['a high-priority drill', (c) => Object.assign(c, { drill: true, priority: 'high' })],
    ['a short service caller ID', (c) => (c.callerId = '12345')],
  ])('accepts %s', (_case, mutate) => {
    const campaign = valid();
    mutate(campaign);
    expect(validateCampaign(campaign)).toEqual([]);
  });

  it.each<[string, Mutation, string, FieldProblemCode]>([
    ['a blank name', (c) => (c.name = '  '), 'name', 'required'],
    [
      'an empty audience',
      (c) => (c.audience = { villageIds: [], gridIds: [], householdTags: [], uploadedListId: null }),
      'audience',
      'required',
    ],
    [
      'tags with no area',
      (c) => (c.audience = { villageIds: [], gridIds: [], householdTags: ['elderly'], uploadedListId: 'u1' }),
      'audience.householdTags',
      'conflict',
    ],
    ['a blank grid id', (c) => (c.audience.gridIds = ['g1', '']), 'audience.gridIds[1]', 'required'],
    [
      'a blank uploaded list id',
      (c) => (c.audience.uploadedListId = ''),
      'audience.uploadedListId',
      'required',
    ],
    ['an empty message', (c) => (c.message = { kind: 'tts', text: ' ' }), 'message.text', 'required'],
    [
      'a message one character too long',
      (c) => (c.message = { kind: 'tts', text: '通'.repeat(MAX_TTS_MESSAGE_CHARS + 1) }),
      'message.text',
      'too_long',
    ],
    [
      'an audio message without a file',
      (c) => (c.message = { kind: 'audio', audioFileId: '' }),
      'message.audioFileId',
      'required',
    ],
    ['a duplicated key', (c) => (c.menu.options[1]!.digit = '1'), 'menu.options[1].digit', 'duplicate'],
    ['# as a key', (c) => (c.menu.options[2]!.digit = '#'), 'menu.options[2].digit', 'invalid_format'],
    ['two keys at once', (c) => (c.menu.options[0]!.digit = '12'), 'menu.options[0].digit', 'invalid_format'],
    ['a letter as a key', (c) => (c.menu.options[0]!.digit = 'a'), 'menu.options[0].digit', 'invalid_format'],
    ['a blank label', (c) => (c.menu.options[1]!.label = ''), 'menu.options[1].label', 'required'],
    [
      'a menu with no confirm key',
      (c) => (c.menu.options = c.menu.options.filter((o) => o.action !== 'confirm')),
      'menu.options',
      'required',
    ],
    [
      'two repeat keys',
      (c) => c.menu.options.push({ digit: '8', action: 'repeat', label: '再听' }),
      'menu.options[3].action',
      'duplicate',
    ],
    ['three repeats', (c) => (c.menu.maxRepeats = 3), 'menu.maxRepeats', 'out_of_range'],
    ['a repeat key with no repeats', (c) => (c.menu.maxRepeats = 0), 'menu.maxRepeats', 'conflict'],
    ['a blank trunk', (c) => (c.trunk = ''), 'trunk', 'required'],
    ['a trunk name with spaces', (c) => (c.trunk = 'my trunk'), 'trunk', 'invalid_format'],
    ['a caller ID with letters', (c) => (c.callerId = 'linli'), 'callerId', 'invalid_format'],
    ['zero channels', (c) => (c.maxChannels = 0), 'maxChannels', 'out_of_range'],
    ['negative channels', (c) => (c.maxChannels = -3), 'maxChannels', 'out_of_range'],
    ['fractional channels', (c) => (c.maxChannels = 2.5), 'maxChannels', 'out_of_range'],
    ['zero calls per second', (c) => (c.maxCallsPerSecond = 0), 'maxCallsPerSecond', 'out_of_range'],
    ['NaN calls per second', (c) => (c.maxCallsPerSecond = Number.NaN), 'maxCallsPerSecond', 'out_of_range'],
    ['a malformed start', (c) => (c.window.start = '8am'), 'window.start', 'invalid_format'],
    ['24:00 as a start', (c) => (c.window.start = '24:00'), 'window.start', 'invalid_format'],
    ['a malformed end', (c) => (c.window.end = '20:61'), 'window.end', 'invalid_format'],
    [
      'start equal to end',
      (c) => (c.window = { start: '09:00', end: '09:00', excludedDates: [] }),
      'window.end',
      'conflict',
    ],
    [
      'a window crossing midnight',
      (c) => (c.window = { start: '22:00', end: '06:00', excludedDates: [] }),
      'window.end',
      'out_of_range',
    ],
    [
      'an impossible excluded date',
      (c) => (c.window.excludedDates = ['2024-02-30']),
      'window.excludedDates[0]',
      'invalid_format',
    ],
    ['negative busy retries', (c) => (c.retry.busy.retries = -1), 'retry.busy.retries', 'out_of_range'],
    [
      'fractional no-answer retries',
      (c) => (c.retry.no_answer.retries = 1.5),
      'retry.no_answer.retries',
      'out_of_range',
    ],
    [
      'eleven machine retries',
      (c) => (c.retry.machine.retries = 11),
      'retry.machine.retries',
      'out_of_range',
    ],
    [
      'a negative delay',
      (c) => (c.retry.rejected.delayMinutes = -5),
      'retry.rejected.delayMinutes',
      'out_of_range',
    ],
    [
      'zero rounds per household',
      (c) => (c.retry.maxRoundsPerHousehold = 0),
      'retry.maxRoundsPerHousehold',
      'out_of_range',
    ],
    [
      'a national number on the do-not-call list',
      (c) => (c.doNotCall = ['+8613800138000', '13800138000']),
      'doNotCall[1]',
      'invalid_format',
    ],
    [
      'an emergency drill',
      (c) => Object.assign(c, { drill: true, priority: 'emergency' }),
      'priority',
      'conflict',
    ],
  ])('reports %s', (_case, mutate, field, code) => {
    const campaign = valid();
    mutate(campaign);
    expect(validateCampaign(campaign)).toEqual([{ field, code, reason: expect.any(String) }]);
  });

  it('reports every problem at once, not just the first', () => {
    const campaign = valid();
    campaign.name = '';
    campaign.maxChannels = 0;
    campaign.window.start = 'x';
    expect(validateCampaign(campaign).map((e) => e.field)).toEqual(['name', 'maxChannels', 'window.start']);
  });

  it('counts characters, not UTF-16 units, against the message limit', () => {
    const campaign = valid();
    campaign.message = { kind: 'tts', text: '𠀀'.repeat(MAX_TTS_MESSAGE_CHARS) };
    expect(validateCampaign(campaign)).toEqual([]);
  });
});
