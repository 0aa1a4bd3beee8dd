import {
  combinedReachability,
  endpointOfDevice,
  reachabilityOfDeviceState,
} from '../../src/telephony/asterisk/device-reachability';

describe('a SIP speaker’s reachability from Asterisk’s device state', () => {
  it('names the endpoint of a PJSIP device only', () => {
    expect(endpointOfDevice('PJSIP/horn-east-gate')).toBe('horn-east-gate');
    expect(endpointOfDevice('PJSIP/')).toBeNull();
    expect(endpointOfDevice('Local/s@somewhere')).toBeNull();
    expect(endpointOfDevice('Custom:horn')).toBeNull();
  });

  it('is unreachable when qualification failed, reachable when idle or in use, unknown otherwise', () => {
    expect(reachabilityOfDeviceState('UNAVAILABLE')).toBe('unreachable');
    for (const state of ['NOT_INUSE', 'INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD'])
      expect(reachabilityOfDeviceState(state)).toBe('reachable');
    expect(reachabilityOfDeviceState('UNKNOWN')).toBe('unknown');
    expect(reachabilityOfDeviceState('INVALID')).toBe('unknown');
  });

  it('counts a speaker reachable when any server reaches it, unreachable when one says so', () => {
    expect(combinedReachability(['unreachable', 'reachable'])).toBe('reachable');
    expect(combinedReachability(['unknown', 'unreachable'])).toBe('unreachable');
    expect(combinedReachability(['unknown'])).toBe('unknown');
    expect(combinedReachability([])).toBe('unknown');
  });
});
