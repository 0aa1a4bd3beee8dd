import { parseQuietHours, type QuietHours } from '../../../src/broadcasts/domain/quiet-hours';
import {
  validateBroadcast,
  type BroadcastRequest,
  type ReferenceFacts,
} from '../../../src/broadcasts/domain/validate-broadcast';

const QUIET = parseQuietHours('22:00-07:00') as QuietHours;
const NOON = new Date('2026-12-03T12:00:00+08:00').getTime();
const facts: ReferenceFacts = {
  areas: new Map([
    ['330100001', { id: 'v1', level: 'VILLAGE' }],
    ['g1', { id: 'g1', level: 'GRID' }],
  ]),
  zones: new Set(['z1']),
  speakers: new Set(['s1', 's2']),
  audioFound: null,
};
const valid: BroadcastRequest = {
  content: { text: '明天上午九点打疫苗' },
  targets: { villages: ['330100001'] },
};

describe('validating a broadcast', () => {
  it('accepts a notice to a village, defaults filled in', () => {
    const { definition, problems } = validateBroadcast(valid, facts, NOON, QUIET);
    expect(problems).toEqual([]);
    expect(definition).toMatchObject({
      priority: 'normal',
      content: { kind: 'tts', text: '明天上午九点打疫苗' },
      targets: { villageIds: ['v1'], gridIds: [], zoneIds: [], speakerIds: [] },
      schedule: { kind: 'now' },
      repeat: 1,
      chime: false,
    });
  });

  it('reports every problem at once: empty content, unknown targets, a speaker twice, a bad cron', () => {
    const { definition, problems } = validateBroadcast(
      {
        content: { text: '   ' },
        targets: { villages: ['nowhere'], grids: ['330100001'], zones: ['z9'], speakers: ['s1', 's1', 's3'] },
        schedule: { cron: '0 25 * * *', endAt: '2027-01-01T00:00:00+08:00' },
      },
      facts,
      NOON,
      QUIET,
    );
    expect(definition).toBeNull();
    expect(problems.map((p) => p.field)).toEqual([
      'content.text',
      'targets.villages[0]',
      'targets.grids[0]',
      'targets.zones[0]',
      'targets.speakers[1]',
      'targets.speakers[2]',
      'schedule.cron',
    ]);
    expect(problems.find((p) => p.field === 'targets.speakers[1]')?.reason).toMatch(/twice/);
  });

  it('refuses an uploaded recording that does not exist', () => {
    const { problems } = validateBroadcast(
      { content: { audioFileId: 'missing' }, targets: { speakers: ['s1'] } },
      { ...facts, audioFound: false },
      NOON,
      QUIET,
    );
    expect(problems.map((p) => p.field)).toEqual(['content.audioFileId']);
  });

  it('refuses a normal broadcast in quiet hours and accepts an emergency then', () => {
    const night = new Date('2026-12-03T23:00:00+08:00').getTime();
    expect(validateBroadcast(valid, facts, night, QUIET).problems.map((p) => p.field)).toEqual(['priority']);
    expect(validateBroadcast({ ...valid, priority: 'emergency' }, facts, night, QUIET).problems).toEqual([]);
  });

  it('needs a target', () => {
    expect(validateBroadcast({ ...valid, targets: {} }, facts, NOON, QUIET).problems).toEqual([
      { field: 'targets', reason: 'name at least one village, grid, zone or speaker' },
    ]);
  });

  it('an emergency comes with a chime unless told otherwise', () => {
    const { definition } = validateBroadcast({ ...valid, priority: 'emergency' }, facts, NOON, QUIET);
    expect(definition?.chime).toBe(true);
    expect(definition?.validMinutes).toBe(60);
  });
});
