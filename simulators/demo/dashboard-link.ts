import type { Population } from '../population/population-types';
import { apiCall, type DemoContext } from './demo-context';

/**
 * The web dashboard's address, signed in as a cadre of the demo's village (a token made through the
 * API, as an administrator would): a village cadre may see the SOS elder's location on the map, which
 * the bootstrap admin token may not. The token rides in the fragment, which never reaches a server log.
 */
export async function dashboardLink(
  ctx: Pick<DemoContext, 'baseUrl' | 'token'>,
  population: Population,
): Promise<{ url: string; token: string }> {
  const villageCode = population.villages[0]?.code;
  const areas = await apiCall<{ id: string; code: string }[]>(ctx, 'GET', '/api/v1/areas?level=VILLAGE');
  const village = areas.body.find((a) => a.code === villageCode);
  const created = await apiCall<{ token: string }>(ctx, 'POST', '/api/v1/tokens', {
    name: '村干部（演示）',
    role: 'CADRE',
    ...(village && { areaId: village.id }),
  });
  if (created.status !== 201) throw new Error(`a dashboard token: ${JSON.stringify(created.body)}`);
  return { url: `${ctx.baseUrl}/app/#token=${created.body.token}`, token: created.body.token };
}
