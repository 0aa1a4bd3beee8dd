/**
 * Simulated people get mobile numbers from +86 170 00xx xxxx only: a block kept for tests, so a
 * simulated campaign can never ring a real phone even if it reached a real carrier.
 */
const TEST_NUMBER_PREFIX = '+8617000';
const SUFFIX_DIGITS = 6;
const CAPACITY = 10 ** SUFFIX_DIGITS;

export function isTestPhoneNumber(e164: string): boolean {
  return new RegExp(`^\\${TEST_NUMBER_PREFIX}\\d{${SUFFIX_DIGITS}}$`).test(e164);
}

/** Hands out the test numbers in order, each once. */
export class TestPhoneNumbers {
  private next = 1;

  take(): string {
    if (this.next >= CAPACITY)
      throw new Error(`the test number range ${TEST_NUMBER_PREFIX}xxxxxx is used up`);
    return TEST_NUMBER_PREFIX + String(this.next++).padStart(SUFFIX_DIGITS, '0');
  }
}
