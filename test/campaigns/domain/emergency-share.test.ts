import { callsToEndForEmergency } from '../../../src/campaigns/dialer/emergency-share';

describe('an emergency campaign takes channels from normal campaigns', () => {
  it('ends one normal call per waiting emergency call when every channel is busy', () => {
    expect(callsToEndForEmergency({ emergencyWaiting: 3, active: 29, concurrency: 29, ending: 0 })).toBe(3);
  });

  it('ends nothing while a channel is free for each waiting emergency call', () => {
    expect(callsToEndForEmergency({ emergencyWaiting: 2, active: 27, concurrency: 29, ending: 0 })).toBe(0);
    expect(callsToEndForEmergency({ emergencyWaiting: 3, active: 27, concurrency: 29, ending: 0 })).toBe(1);
  });

  it('does not end more calls while earlier ones are still hanging up', () => {
    expect(callsToEndForEmergency({ emergencyWaiting: 3, active: 29, concurrency: 29, ending: 2 })).toBe(1);
    expect(callsToEndForEmergency({ emergencyWaiting: 3, active: 29, concurrency: 29, ending: 5 })).toBe(0);
  });

  it('ends nothing when no emergency call waits', () => {
    expect(callsToEndForEmergency({ emergencyWaiting: 0, active: 29, concurrency: 29, ending: 0 })).toBe(0);
  });
});
