import { matchIncident, type KnownIncident } from '../../../src/sos/domain';

const NOW = Date.parse('2024-05-06T07:20:00Z');
const incident = (over: Partial<KnownIncident>): KnownIncident => ({
  id: 'inc-1',
  cardId: 'card-A',
  resolved: false,
  lastTriggerAt: NOW - 30_000,
  sources: ['sos_call'],
  ...over,
});

describe('matchIncident', () => {
  it.each([
    ['no incident at all', 'alarm_frame', [], { decision: 'open' }],
    [
      'an alarm frame 30 s after the SOS call of the same card',
      'alarm_frame',
      [incident({})],
      { decision: 'join', incidentId: 'inc-1' },
    ],
    [
      'an SOS call 30 s after the alarm frame of the same card',
      'sos_call',
      [incident({ sources: ['alarm_frame'] })],
      { decision: 'join', incidentId: 'inc-1' },
    ],
    [
      'a second SOS long after, while the incident is still open',
      'sos_call',
      [incident({ lastTriggerAt: NOW - 3_600_000 })],
      { decision: 'join', incidentId: 'inc-1' },
    ],
    ['an open incident of another card', 'sos_call', [incident({ cardId: 'card-B' })], { decision: 'open' }],
    [
      'the late alarm frame of a press whose incident was resolved quickly',
      'alarm_frame',
      [incident({ resolved: true })],
      { decision: 'duplicate', incidentId: 'inc-1' },
    ],
    [
      'a new SOS call after a resolved incident, even within the window',
      'sos_call',
      [incident({ resolved: true })],
      { decision: 'open' },
    ],
    [
      'an alarm frame after the window of a resolved incident',
      'alarm_frame',
      [incident({ resolved: true, lastTriggerAt: NOW - 121_000 })],
      { decision: 'open' },
    ],
    [
      'an alarm frame exactly at the window edge of a resolved incident',
      'alarm_frame',
      [incident({ resolved: true, lastTriggerAt: NOW - 120_000 })],
      { decision: 'duplicate', incidentId: 'inc-1' },
    ],
    [
      'an open incident next to an older resolved one',
      'alarm_frame',
      [
        incident({ id: 'old', resolved: true, lastTriggerAt: NOW - 90_000 }),
        incident({ id: 'new', lastTriggerAt: NOW - 10_000 }),
      ],
      { decision: 'join', incidentId: 'new' },
    ],
  ] as const)('%s', (_name, source, incidents, expected) => {
    expect(matchIncident({ source, cardId: 'card-A' }, incidents, NOW)).toEqual(expected);
  });

  it('takes the window as a parameter', () => {
    const resolved = [incident({ resolved: true, lastTriggerAt: NOW - 30_000 })];
    expect(matchIncident({ source: 'alarm_frame', cardId: 'card-A' }, resolved, NOW, 20_000)).toEqual({
      decision: 'open',
    });
  });
});
