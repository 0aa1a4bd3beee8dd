import type { Principal } from '../../../src/api/auth/principal';
import { mayReadElderLocation } from '../../../src/sos/domain';
import { locationViewerOf } from '../../../src/sos/location/location-viewer';

const elder = { familyContactIds: ['person-son'], gridId: 'grid-1', villageId: 'village-1' };
const token = (role: Principal['role'], areaId: string | null, personId: string | null = null) =>
  locationViewerOf({ tokenId: 't1', name: 'test', role, areaId, personId });

describe("who may read an elder's location, for API tokens", () => {
  it("lets the grid's worker and the village's cadres in", () => {
    expect(mayReadElderLocation(token('GRID_WORKER', 'grid-1'), elder)).toEqual({
      allow: true,
      reason: 'grid_worker_of_grid',
    });
    expect(mayReadElderLocation(token('CADRE', 'village-1'), elder)).toEqual({
      allow: true,
      reason: 'cadre_of_village',
    });
  });

  it('keeps out workers and cadres of other areas, and a cadre scoped to the whole town', () => {
    expect(mayReadElderLocation(token('GRID_WORKER', 'grid-2'), elder).allow).toBe(false);
    expect(mayReadElderLocation(token('CADRE', 'town-1'), elder).allow).toBe(false);
  });

  it("lets a token issued to one of the elder's family contacts in, and no other family member", () => {
    expect(mayReadElderLocation(token('FAMILY_CONTACT', null, 'person-son'), elder)).toEqual({
      allow: true,
      reason: 'family_contact',
    });
    expect(mayReadElderLocation(token('FAMILY_CONTACT', null, 'person-neighbour'), elder)).toEqual({
      allow: false,
      reason: 'unrelated',
    });
  });

  it('keeps out dispatchers, admins and tokens that name no person', () => {
    for (const role of ['DISPATCHER', 'ADMIN', 'FAMILY_CONTACT', 'RESIDENT'] as const) {
      expect(mayReadElderLocation(token(role, null), elder)).toEqual({ allow: false, reason: 'unrelated' });
    }
    const bootstrap = { tokenId: null, name: 'admin', role: 'ADMIN', areaId: null, personId: null } as const;
    expect(mayReadElderLocation(locationViewerOf(bootstrap), elder).allow).toBe(false);
  });
});
