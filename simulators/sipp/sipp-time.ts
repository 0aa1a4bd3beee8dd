/**
 * A time the scenarios log with gettimeofday: SIPp prints its seconds and microseconds as doubles
 * ("1796004690.000000") and a 0 as an empty string.
 */
export function sippTime(seconds: string | undefined, micros: string | undefined): Date {
  return new Date((parseFloat(seconds ?? '') || 0) * 1000 + (parseFloat(micros ?? '') || 0) / 1000);
}
