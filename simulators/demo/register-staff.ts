import type { Population } from '../population/population-types';
import { apiCall, type DemoContext, type StaffIds } from './demo-context';

interface AreaView {
  id: string;
  code: string;
}

/** Registers the village's grid workers and cadres as people linli can call, through the API. */
export async function registerStaff(
  ctx: Pick<DemoContext, 'baseUrl' | 'token'>,
  population: Population,
): Promise<StaffIds> {
  const areas = await apiCall<AreaView[] | { items: AreaView[] }>(ctx, 'GET', '/api/v1/areas');
  const list = Array.isArray(areas.body) ? areas.body : areas.body.items;
  const areaId = (code: string) => list.find((a) => a.code === code)?.id;
  const ids: StaffIds = { gridWorkers: new Map(), cadres: new Map() };
  for (const village of population.villages) {
    for (const grid of village.grids) {
      const created = await apiCall<{ id: string }>(ctx, 'POST', '/api/v1/people', {
        name: grid.worker.name,
        roles: ['GRID_WORKER'],
        areaId: areaId(grid.code),
        phones: [grid.worker.phone],
      });
      if (created.status !== 201) throw new Error(`registering grid worker: ${JSON.stringify(created.body)}`);
      ids.gridWorkers.set(grid.code, created.body.id);
    }
    const cadre = village.cadres[0];
    if (!cadre) continue;
    const created = await apiCall<{ id: string }>(ctx, 'POST', '/api/v1/people', {
      name: cadre.name,
      roles: ['CADRE'],
      areaId: areaId(village.code),
      phones: [cadre.phone],
    });
    if (created.status !== 201) throw new Error(`registering cadre: ${JSON.stringify(created.body)}`);
    ids.cadres.set(village.code, created.body.id);
  }
  return ids;
}
