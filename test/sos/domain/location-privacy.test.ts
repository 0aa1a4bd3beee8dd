import { mayReadElderLocation, type LocationViewer } from '../../../src/sos/domain';

const elder = { familyContactIds: ['son', 'daughter'], gridId: 'grid-3', villageId: 'village-1' };

describe('mayReadElderLocation', () => {
  it.each<[string, LocationViewer, boolean, string]>([
    [
      'a family contact',
      { personId: 'son', roles: ['FAMILY_CONTACT'], areaId: null },
      true,
      'family_contact',
    ],
    [
      'a family contact without the role set',
      { personId: 'daughter', roles: [], areaId: null },
      true,
      'family_contact',
    ],
    [
      'a family contact of another elder',
      { personId: 'neighbour', roles: ['FAMILY_CONTACT'], areaId: null },
      false,
      'unrelated',
    ],
    [
      'the grid worker of the grid',
      { personId: 'g', roles: ['GRID_WORKER'], areaId: 'grid-3' },
      true,
      'grid_worker_of_grid',
    ],
    [
      'a grid worker of another grid',
      { personId: 'g', roles: ['GRID_WORKER'], areaId: 'grid-4' },
      false,
      'grid_worker_of_other_grid',
    ],
    [
      'a grid worker whose area is the village',
      { personId: 'g', roles: ['GRID_WORKER'], areaId: 'village-1' },
      false,
      'grid_worker_of_other_grid',
    ],
    [
      'a cadre of the village',
      { personId: 'c', roles: ['CADRE'], areaId: 'village-1' },
      true,
      'cadre_of_village',
    ],
    [
      'a cadre of another village',
      { personId: 'c', roles: ['CADRE'], areaId: 'village-2' },
      false,
      'cadre_of_other_village',
    ],
    [
      'a cadre whose area is the grid',
      { personId: 'c', roles: ['CADRE'], areaId: 'grid-3' },
      false,
      'cadre_of_other_village',
    ],
    [
      'a resident of the same grid',
      { personId: 'r', roles: ['RESIDENT'], areaId: 'grid-3' },
      false,
      'unrelated',
    ],
    ['an administrator', { personId: 'a', roles: ['ADMIN', 'DISPATCHER'], areaId: null }, false, 'unrelated'],
    [
      'a person who is cadre elsewhere and grid worker here',
      { personId: 'x', roles: ['CADRE', 'GRID_WORKER'], areaId: 'grid-3' },
      true,
      'grid_worker_of_grid',
    ],
  ])('%s', (_name, viewer, allow, reason) => {
    expect(mayReadElderLocation(viewer, elder)).toEqual({ allow, reason });
  });
});
