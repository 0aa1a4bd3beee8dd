import {
  applyProbe,
  FIRST_HEALTH,
  isServerFailure,
  serversToTry,
  type ServerHealth,
} from '../../src/sip-edge/domain';

const load = (name: string, activeCalls: number, up = true) => ({ name, up, activeCalls });

describe('choosing the Asterisk server for a new call', () => {
  it('sends it to the least busy healthy server', () => {
    expect(serversToTry([load('a', 5), load('b', 2), load('c', 9)], 'least-busy', 0)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('takes equally busy servers in turn', () => {
    const servers = [load('a', 0), load('b', 0)];
    const firsts = [0, 1, 2, 3].map((turn) => serversToTry(servers, 'least-busy', turn)[0]);
    expect(firsts).toEqual(['a', 'b', 'a', 'b']);
  });

  it('round-robin ignores load', () => {
    const servers = [load('a', 9), load('b', 0), load('c', 0)];
    expect([0, 1, 2].map((turn) => serversToTry(servers, 'round-robin', turn)[0])).toEqual(['a', 'b', 'c']);
  });

  it('keeps a call on its server when it is healthy', () => {
    expect(serversToTry([load('a', 0), load('b', 7)], 'least-busy', 0, 'b')[0]).toBe('b');
    expect(serversToTry([load('a', 0), load('b', 7, false)], 'least-busy', 0, 'b')[0]).toBe('a');
  });

  it('tries a server thought down only after every healthy one', () => {
    expect(serversToTry([load('a', 0, false), load('b', 30)], 'least-busy', 0)).toEqual(['b', 'a']);
  });

  it('fails over on server errors and silence, not on the call’s own answer', () => {
    expect([503, 500, 408].map((status) => isServerFailure({ status }))).toEqual([true, true, true]);
    expect(isServerFailure({ timedOut: true })).toBe(true);
    expect([486, 404, 487, 603].map((status) => isServerFailure({ status }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('server health from OPTIONS', () => {
  const policy = { downAfterFailures: 2, upAfterSuccesses: 2 };
  const after = (probes: boolean[]): ServerHealth =>
    probes.reduce((h, ok) => applyProbe(h, ok, policy), FIRST_HEALTH);

  it('one lost answer does not take a server out; two in a row do', () => {
    expect(after([false]).up).toBe(true);
    expect(after([false, true, false]).up).toBe(true);
    expect(after([false, false]).up).toBe(false);
  });

  it('a server comes back after two answers in a row', () => {
    expect(after([false, false, true]).up).toBe(false);
    expect(after([false, false, true, true]).up).toBe(true);
  });
});
