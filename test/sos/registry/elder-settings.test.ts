import { DEFAULT_ESCALATION_SETTINGS, DEFAULT_INACTIVITY_SETTINGS } from '../../../src/sos/domain';
import {
  DEFAULT_CARD_ALARM_SETTINGS,
  elderSettingsProblems,
  elderSettingsView,
  resolveElderSettings,
} from '../../../src/sos/registry/elder-settings';

describe('per-elder settings', () => {
  it('uses the defaults for an elder nobody configured', () => {
    expect(resolveElderSettings({})).toEqual({
      escalation: DEFAULT_ESCALATION_SETTINGS,
      inactivity: { ...DEFAULT_INACTIVITY_SETTINGS, enabled: true },
      alarms: { fall: true, takenOff: true, powerOff: true },
    });
  });

  it("reads which of the card's alarms set something off", () => {
    expect(resolveElderSettings({ alarms: { takenOff: false } }).alarms).toEqual({
      fall: true,
      takenOff: false,
      powerOff: true,
    });
    expect(resolveElderSettings({ alarms: { fall: 'no', powerOff: 0 } }).alarms).toEqual(
      DEFAULT_CARD_ALARM_SETTINGS,
    );
  });

  it('reads seconds and minutes as people enter them', () => {
    const settings = resolveElderSettings({
      escalation: { mode: 'parallel', rounds: 3, ringTimeoutSeconds: 25, pauseBetweenRoundsSeconds: 0 },
      inactivity: {
        enabled: false,
        periodMinutes: 180,
        daytime: { from: '07:30', to: '19:00' },
        cooldownMinutes: 0,
      },
    });
    expect(settings.escalation).toEqual({
      mode: 'parallel',
      rounds: 3,
      ringTimeoutMs: 25_000,
      pauseBetweenRoundsMs: 0,
    });
    expect(settings.inactivity).toMatchObject({
      enabled: false,
      periodMs: 3 * 3_600_000,
      daytime: { from: '07:30', to: '19:00' },
      cooldownMs: 0,
      maxDistanceM: DEFAULT_INACTIVITY_SETTINGS.maxDistanceM,
    });
  });

  it('falls back to a default for anything unreadable, so a stored typo never stops an SOS', () => {
    const settings = resolveElderSettings({
      escalation: { mode: 'shout', rounds: -1, ringTimeoutSeconds: 'thirty' },
      inactivity: { daytime: { from: '20:00', to: '08:00' } },
    });
    expect(settings.escalation).toEqual(DEFAULT_ESCALATION_SETTINGS);
    expect(settings.inactivity.daytime).toEqual(DEFAULT_INACTIVITY_SETTINGS.daytime);
    expect(resolveElderSettings('nonsense').escalation).toEqual(DEFAULT_ESCALATION_SETTINGS);
  });

  it('shows the settings in the units they were entered in', () => {
    const input = {
      escalation: {
        mode: 'sequential' as const,
        rounds: 2,
        ringTimeoutSeconds: 20,
        pauseBetweenRoundsSeconds: 30,
      },
      inactivity: {
        enabled: true,
        maxDistanceM: 80,
        periodMinutes: 120,
        daytime: { from: '08:00', to: '18:00' },
        heartbeatTimeoutMinutes: 45,
        cooldownMinutes: 240,
      },
      alarms: { fall: true, takenOff: false, powerOff: true },
    };
    expect(elderSettingsView(resolveElderSettings(input))).toEqual(input);
  });

  it('rejects a daytime window that ends before it starts', () => {
    expect(elderSettingsProblems({ inactivity: { daytime: { from: '20:00', to: '08:00' } } })).toEqual([
      { field: 'inactivity.daytime', reason: 'from must be before to (the window cannot span midnight)' },
    ]);
    expect(elderSettingsProblems({ inactivity: { daytime: { from: '08:00', to: '20:00' } } })).toEqual([]);
  });
});
