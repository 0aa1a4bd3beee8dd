/** A campaign body for the e2e tests: short message, quick timeouts, retry delays of about a second. */
export function quickCampaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试通知',
    audience: {},
    message: { text: '测试' },
    announceMenu: false,
    trunk: 'sim-a',
    callerId: '+8657112345678',
    ringTimeoutSeconds: 5,
    digitTimeoutSeconds: 1,
    window: { start: '00:00', end: '24:00' },
    retry: {
      busy: { retries: 2, delayMinutes: 0.02 },
      no_answer: { retries: 1, delayMinutes: 0.02 },
      failed: { retries: 1, delayMinutes: 0.02 },
      answered_no_digit: { retries: 1, delayMinutes: 0.02 },
      rejected: { retries: 0, delayMinutes: 0.02 },
      machine: { retries: 1, delayMinutes: 0.02 },
      unknown: { retries: 1, delayMinutes: 0.02 },
    },
    ...overrides,
  };
}
