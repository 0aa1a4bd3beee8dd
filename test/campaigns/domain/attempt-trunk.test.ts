import { trunkForAttempt } from '../../../src/campaigns/domain';
import { parseTrunks } from '../../../src/config/telephony-config';

const trunks = parseTrunks(
  'cu1@ast1:30:10?group=unicom,ct1@ast1:30:10,cu2@ast2:20:5?group=unicom,cu3@ast3:20:5?group=unicom',
);
const trunk = (name: string) => trunks.find((t) => t.name === name) ?? trunks[0]!;
const up =
  (...servers: string[]) =>
  (server: string) =>
    servers.includes(server);

describe('trunkForAttempt', () => {
  it('keeps a campaign on its own trunk while its server is up, whatever the others do', () => {
    expect(trunkForAttempt(trunk('cu1'), trunks, up('ast1')).name).toBe('cu1');
    expect(trunkForAttempt(trunk('cu1'), trunks, up('ast1', 'ast2', 'ast3')).name).toBe('cu1');
  });

  it("goes on through the group's first trunk whose server is up while its own server is down", () => {
    expect(trunkForAttempt(trunk('cu1'), trunks, up('ast2', 'ast3')).name).toBe('cu2');
    expect(trunkForAttempt(trunk('cu1'), trunks, up('ast3')).name).toBe('cu3');
    expect(trunkForAttempt(trunk('cu3'), trunks, up('ast1', 'ast2')).name).toBe('cu1');
  });

  it('goes back to its own trunk the moment its server is up again', () => {
    const home = trunk('cu1');
    expect(trunkForAttempt(home, trunks, up('ast2')).name).toBe('cu2');
    expect(trunkForAttempt(home, trunks, up('ast1', 'ast2')).name).toBe('cu1');
  });

  it('stays on its own trunk when no trunk of its group is reachable, or it has no group', () => {
    expect(trunkForAttempt(trunk('cu1'), trunks, up()).name).toBe('cu1');
    // ct1 shares cu1's server but not its carrier: a campaign on ct1 never moves to another carrier.
    expect(trunkForAttempt(trunk('ct1'), trunks, up('ast2', 'ast3')).name).toBe('ct1');
  });

  it('reads the group from TRUNKS and refuses a malformed one', () => {
    expect(trunk('cu2')).toEqual({
      name: 'cu2',
      server: 'ast2',
      channels: 20,
      cps: 5,
      reserved: 1,
      group: 'unicom',
    });
    expect(trunk('ct1').group).toBeUndefined();
    expect(() => parseTrunks('cu1@ast1:30:10?group=')).toThrow(/\?group=NAME/);
  });
});
