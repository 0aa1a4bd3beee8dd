import { decodeStatusWord, encodeStatusWord, type CardAlarms } from '../../../src/sos/card-protocol';
import { alarmResponse } from '../../../src/sos/cards/alarm-response';
import { DEFAULT_CARD_ALARM_SETTINGS } from '../../../src/sos/registry/elder-settings';

const alarmsOf = (alarms: Partial<CardAlarms>) =>
  decodeStatusWord(parseInt(encodeStatusWord({ alarms }), 16)).alarms;

describe('what an alarm frame without the SOS bit sets off', () => {
  it.each([
    [{ fallDown: true }, { kind: 'incident', cause: 'fall' }],
    [{ takenOff: true }, { kind: 'alert', cause: 'taken_off' }],
    [{ powerOff: true }, { kind: 'alert', cause: 'power_off' }],
    [
      { fallDown: true, takenOff: true },
      { kind: 'incident', cause: 'fall' },
    ],
    [{ lowBattery: true }, { kind: 'none' }],
    [{ leftFence: true }, { kind: 'none' }],
  ])('%j with the default settings: %j', (alarms, response) => {
    expect(alarmResponse(alarmsOf(alarms), DEFAULT_CARD_ALARM_SETTINGS)).toEqual(response);
  });

  it('follows the elder settings', () => {
    const settings = { fall: false, takenOff: false, powerOff: true };
    expect(alarmResponse(alarmsOf({ fallDown: true }), settings)).toEqual({ kind: 'none' });
    expect(alarmResponse(alarmsOf({ takenOff: true }), settings)).toEqual({ kind: 'none' });
    expect(alarmResponse(alarmsOf({ fallDown: true, powerOff: true }), settings)).toEqual({
      kind: 'alert',
      cause: 'power_off',
    });
  });
});
