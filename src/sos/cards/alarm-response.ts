import type { CardAlarms } from '../card-protocol';
import type { CardAlarmSettings } from '../registry/elder-settings';

/** What an alarm frame sets off: an incident (calls until someone connects) or a look-in alert. */
export type AlarmResponse =
  | { kind: 'incident'; cause: 'sos' | 'fall' }
  | { kind: 'alert'; cause: 'taken_off' | 'power_off' }
  | { kind: 'none' };

export const SOS_RESPONSE: AlarmResponse = { kind: 'incident', cause: 'sos' };

/**
 * For an alarm frame without the SOS bit (an SOS always opens an incident): a fall opens one too,
 * the card taken off or switched off sends someone to look in, each as the elder's settings say.
 * The most urgent wins when a frame carries several. Low battery and fences are stored only.
 */
export function alarmResponse(alarms: CardAlarms, settings: CardAlarmSettings): AlarmResponse {
  if (alarms.fallDown && settings.fall) return { kind: 'incident', cause: 'fall' };
  if (alarms.takenOff && settings.takenOff) return { kind: 'alert', cause: 'taken_off' };
  if (alarms.powerOff && settings.powerOff) return { kind: 'alert', cause: 'power_off' };
  return { kind: 'none' };
}
