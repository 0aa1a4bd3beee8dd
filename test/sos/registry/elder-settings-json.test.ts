import { elderSettingsJson, readElderSettings } from '../../../src/sos/registry/elder-settings-json';
import { storedFixture } from '../../fixtures/json/read-fixture';

/** Elder.settings as the previous deploy's API stored it: no version, only the fields the cadre set. */
const settingsV1 = storedFixture('elder-settings.v1.json');

describe('Elder.settings written by the previous deploy', () => {
  it('gives the rules the stored choices, in milliseconds, and defaults for the rest', () => {
    const settings = readElderSettings('elder-1', settingsV1);
    expect(settings.escalation).toEqual({
      mode: 'parallel',
      rounds: 3,
      ringTimeoutMs: 25_000,
      pauseBetweenRoundsMs: 60_000,
    });
    expect(settings.inactivity).toMatchObject({
      enabled: true,
      periodMs: 180 * 60_000,
      daytime: { from: '07:00', to: '19:30' },
    });
  });

  it('reads the card alarm choices where the cadre set them, and the defaults where not', () => {
    expect(readElderSettings('elder-1', settingsV1).alarms).toEqual({
      fall: true,
      takenOff: true,
      powerOff: true,
    });
    expect(readElderSettings('elder-1', storedFixture('elder-settings-alarms.v1.json')).alarms).toEqual({
      fall: true,
      takenOff: false,
      powerOff: true,
    });
    expect(() => readElderSettings('elder-1', { alarms: { fall: 'no' } })).toThrow(
      /^Elder\.settings of row elder-1 cannot be read: as version 1: alarms\.fall: /,
    );
  });

  it('is written back with its version', () => {
    expect(elderSettingsJson.write({ escalation: { rounds: 1 } })).toEqual({
      escalation: { rounds: 1 },
      version: 1,
    });
  });

  it('refuses a hand-edited typo with an error naming the elder and the field', () => {
    expect(() => readElderSettings('elder-1', { escalation: { rounds: 'three' } })).toThrow(
      /^Elder\.settings of row elder-1 cannot be read: as version 1: escalation\.rounds: /,
    );
  });
});
