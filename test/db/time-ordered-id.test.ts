import { timeOrderedId } from '../../src/db/time-ordered-id';

describe('time-ordered ids for bulk writes', () => {
  it('are UUIDs of version 7 with the RFC variant', () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sort in the order they were made, even thousands within one millisecond', () => {
    const at = Date.now() + 60_000;
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never go backwards when the clock does', () => {
    const first = timeOrderedId(Date.now() + 120_000);
    expect(timeOrderedId(Date.now()) > first).toBe(true);
  });

  it('carry the time they were made in their first 48 bits', () => {
    const at = Date.UTC(2030, 0, 1);
    const id = timeOrderedId(at + 10 ** 9).replace(/-/g, '');
    expect(parseInt(id.slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });
});
