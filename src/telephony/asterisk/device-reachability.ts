import type { SpeakerReachability } from '../verbs/page';

/**
 * Speaker health from Asterisk's device state of `PJSIP/<endpoint>`, not from its contact list:
 * - linli's AMI user reads the `call` class only (dialplans/manager.conf, least privilege). Device
 *   states arrive on it (DeviceStateChange events, and the DeviceStateList action, which the `call`
 *   write class allows), whereas ContactStatus events are of the `system` class.
 * - PJSIPShowContacts lists registered contacts only: a horn's static contact is never in it.
 * res_pjsip turns the OPTIONS qualification into the endpoint's state: UNAVAILABLE when no contact
 * of the endpoint answers, NOT_INUSE (or in use, ringing…) when one does. A contact Asterisk does not
 * qualify counts as available, so an unqualified horn reads reachable.
 */
const DEVICE_PREFIX = 'PJSIP/';

/** The endpoint a device names (`PJSIP/horn-1` → `horn-1`), or null for another technology. */
export function endpointOfDevice(device: string): string | null {
  if (!device.startsWith(DEVICE_PREFIX)) return null;
  const endpoint = device.slice(DEVICE_PREFIX.length);
  return endpoint === '' ? null : endpoint;
}

/** What a device state says of the endpoint's reachability. */
export function reachabilityOfDeviceState(state: string): SpeakerReachability {
  switch (state) {
    case 'UNAVAILABLE':
      return 'unreachable';
    case 'NOT_INUSE':
    case 'INUSE':
    case 'BUSY':
    case 'RINGING':
    case 'RINGINUSE':
    case 'ONHOLD':
      return 'reachable';
    default:
      // UNKNOWN, INVALID: Asterisk does not know the endpoint or cannot tell.
      return 'unknown';
  }
}

/** Several servers' view of one speaker: reachable on any server counts, then unreachable on any. */
export function combinedReachability(states: readonly SpeakerReachability[]): SpeakerReachability {
  if (states.includes('reachable')) return 'reachable';
  if (states.includes('unreachable')) return 'unreachable';
  return 'unknown';
}
