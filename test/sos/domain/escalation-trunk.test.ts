import { escalationTrunk } from '../../../src/sos/domain';

const sosTrunk = { name: 'sos-a', server: 'ast-a' };
const trunks = [{ name: 'pstn-a', server: 'ast-a' }, sosTrunk, { name: 'pstn-b', server: 'ast-b' }];
const up =
  (...servers: string[]) =>
  (server: string) =>
    servers.includes(server);

describe('the trunk an SOS contact is called on', () => {
  it('is the SOS trunk while the elder is on its server', () => {
    expect(
      escalationTrunk({ trunks, preferred: sosTrunk, elderServer: 'ast-a', connected: up('ast-a', 'ast-b') }),
    ).toBe(sosTrunk);
  });

  it('is a trunk of the other server when the elder’s call landed there, so the two can be bridged', () => {
    const trunk = escalationTrunk({
      trunks,
      preferred: sosTrunk,
      elderServer: 'ast-b',
      connected: up('ast-b'),
    });
    expect(trunk.name).toBe('pstn-b');
  });

  it('is a reachable server’s trunk when the SOS trunk’s server is down and the elder is not on the line', () => {
    expect(
      escalationTrunk({ trunks, preferred: sosTrunk, elderServer: null, connected: up('ast-b') }).name,
    ).toBe('pstn-b');
  });

  it('stays the SOS trunk when no server is reachable (the call is placed again until one is)', () => {
    expect(escalationTrunk({ trunks, preferred: sosTrunk, elderServer: 'ast-b', connected: up() })).toBe(
      sosTrunk,
    );
  });

  it('is the SOS trunk when the elder’s server has no trunk', () => {
    expect(
      escalationTrunk({ trunks, preferred: sosTrunk, elderServer: 'ast-c', connected: up('ast-a', 'ast-c') }),
    ).toBe(sosTrunk);
  });
});
