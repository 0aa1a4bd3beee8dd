import {
  checkInactivity,
  DEFAULT_INACTIVITY_SETTINGS,
  type InactivityInput,
  type PositionSample,
} from '../../../src/sos/domain';
import { cadre, family, gridWorker } from './escalation-session';

const at = (local: string): number => Date.parse(`2024-05-06T${local}:00+08:00`);
const MIN = 60_000;
const HOUR = 60 * MIN;
const LAT_PER_M = 1 / 111_195;

const home = { lat: 30.274, lon: 120.155 };
const seen = (local: string, northM = 0): PositionSample => ({
  at: at(local),
  lat: home.lat + northM * LAT_PER_M,
  lon: home.lon,
});
const contacts = [
  cadre('cadre', '5'),
  gridWorker('grid', '4'),
  family('son', '1'),
  family('nophone'),
  family('daughter', '2'),
];

/** Default settings: still for 4 h within 08:00–20:00, 100 m, heartbeat within 60 min, 4 h cool-down. */
const input = (over: Partial<InactivityInput> = {}): InactivityInput => ({
  positions: [seen('09:00'), seen('11:00', 30), seen('13:30', -20)],
  lastHeartbeatAt: at('13:55'),
  lastAlertAt: null,
  contacts,
  ...over,
});

describe('checkInactivity', () => {
  it('sends family first, then the grid worker, when the elder has not moved all afternoon', () => {
    const decision = checkInactivity(input(), DEFAULT_INACTIVITY_SETTINGS, at('14:00'));
    expect(decision).toEqual({
      decision: 'alert',
      kind: 'no_movement',
      since: at('10:00'),
      call: [contacts[2], contacts[4], contacts[1]],
    });
  });

  it.each([
    ['moved 200 m', [seen('09:00'), seen('12:00', 200)], 'moved'],
    ['went out and came back', [seen('09:00'), seen('11:00', 400), seen('13:00')], 'moved'],
    ['no position before the period began', [seen('11:00'), seen('13:00')], 'no_history'],
  ] as const)('nothing when the elder %s', (_name, positions, reason) => {
    expect(checkInactivity(input({ positions }), DEFAULT_INACTIVITY_SETTINGS, at('14:00'))).toEqual({
      decision: 'none',
      reason,
    });
  });

  it('counts a quiet period with heartbeats as stillness (cards report positions only when moving)', () => {
    const decision = checkInactivity(
      input({ positions: [seen('07:30')] }),
      DEFAULT_INACTIVITY_SETTINGS,
      at('14:00'),
    );
    expect(decision).toMatchObject({ decision: 'alert', kind: 'no_movement' });
  });

  it('does not count movement within 100 m or reports from outside the period', () => {
    const positions = [seen('06:00', 900), seen('09:00'), seen('12:00', 90), seen('14:30', 900)];
    expect(checkInactivity(input({ positions }), DEFAULT_INACTIVITY_SETTINGS, at('14:00'))).toMatchObject({
      decision: 'alert',
    });
  });

  it.each([
    ['07:59', 'outside_daytime'],
    ['20:00', 'outside_daytime'],
    ['23:30', 'outside_daytime'],
    ['11:59', 'period_starts_before_daytime'],
  ] as const)('nothing at %s: %s', (local, reason) => {
    expect(
      checkInactivity(input({ lastHeartbeatAt: at(local) }), DEFAULT_INACTIVITY_SETTINGS, at(local)),
    ).toEqual({
      decision: 'none',
      reason,
    });
  });

  it('a night of stillness does not count: the first alert can come at 12:00', () => {
    const positions = [seen('00:00')];
    expect(
      checkInactivity(
        input({ positions, lastHeartbeatAt: at('12:00') }),
        DEFAULT_INACTIVITY_SETTINGS,
        at('12:00'),
      ),
    ).toMatchObject({ decision: 'alert', since: at('08:00') });
  });

  it.each([
    ['61 minutes', at('12:59'), { decision: 'alert', kind: 'no_heartbeat', since: at('12:59') }],
    ['60 minutes', at('13:00'), { decision: 'alert', kind: 'no_movement' }],
  ])('a card silent for %s', (_name, lastHeartbeatAt, expected) => {
    expect(
      checkInactivity(input({ lastHeartbeatAt }), DEFAULT_INACTIVITY_SETTINGS, at('14:00')),
    ).toMatchObject(expected);
  });

  it('reports a silent card in the morning, before a stillness period could have passed', () => {
    expect(
      checkInactivity(input({ lastHeartbeatAt: at('07:00') }), DEFAULT_INACTIVITY_SETTINGS, at('09:00')),
    ).toMatchObject({
      decision: 'alert',
      kind: 'no_heartbeat',
    });
  });

  it('says nothing about a card never heard from', () => {
    expect(
      checkInactivity(input({ lastHeartbeatAt: null }), DEFAULT_INACTIVITY_SETTINGS, at('14:00')),
    ).toEqual({
      decision: 'none',
      reason: 'never_heard',
    });
  });

  it.each([
    [3 * HOUR + 59 * MIN, { decision: 'none', reason: 'cooling_down' }],
    [4 * HOUR, { decision: 'alert' }],
  ])('an alert %d ms ago', (ago, expected) => {
    const now = at('14:00');
    expect(
      checkInactivity(input({ lastAlertAt: now - ago }), DEFAULT_INACTIVITY_SETTINGS, now),
    ).toMatchObject(expected);
  });

  it('follows its settings', () => {
    const settings = {
      maxDistanceM: 20,
      periodMs: HOUR,
      daytime: { from: '06:00', to: '22:00' },
      heartbeatTimeoutMs: 10 * MIN,
      cooldownMs: HOUR,
    };
    const positions = [seen('06:00'), seen('07:00', 30)];
    expect(
      checkInactivity(input({ positions, lastHeartbeatAt: at('07:20') }), settings, at('07:25')),
    ).toEqual({
      decision: 'none',
      reason: 'moved',
    });
    expect(
      checkInactivity(input({ positions, lastHeartbeatAt: at('08:00') }), settings, at('08:05')),
    ).toMatchObject({
      decision: 'alert',
      kind: 'no_movement',
    });
  });

  it.each([
    { from: '8:00', to: '20:00' },
    { from: '20:00', to: '08:00' },
  ])('rejects the daytime window %j', (daytime) => {
    expect(() => checkInactivity(input(), { ...DEFAULT_INACTIVITY_SETTINGS, daytime }, at('14:00'))).toThrow(
      RangeError,
    );
  });
});
