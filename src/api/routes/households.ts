import type { Db } from '../../db/client';
import { getHousehold, listHouseholds } from '../../directory/households';
import { areasInScope, isAreaInScope, requireRole, resolveAreaFilter } from '../auth/authorize';
import { principalOf } from '../auth/principal';
import { notFound } from '../errors';
import { errorResponses, idParamsSchema } from '../schemas/common';
import { listHouseholdsQuerySchema } from '../schemas/household';
import type { ApiRoutes } from '../typed-routes';

const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');

/** Under /api/v1/households. */
export const householdRoutes: ApiRoutes<{ db: Db }> = async (app, { db }) => {
  app.get(
    '',
    {
      preHandler: readers,
      schema: {
        tags: ['households'],
        summary: "Households in the caller's area, optionally by village, grid and tag",
        querystring: listHouseholdsQuerySchema,
        response: { 200: { $ref: 'HouseholdPage#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { village, grid, tag, limit, offset } = request.query;
      const unrestricted =
        principalOf(request).areaId === null && village === undefined && grid === undefined;
      let gridIds: string[] | null = null;
      if (!unrestricted) {
        const tree = await app.areaTree.get();
        const villageArea =
          village === undefined ? undefined : await resolveAreaFilter(request, village, 'VILLAGE');
        const gridArea = grid === undefined ? undefined : await resolveAreaFilter(request, grid, 'GRID');
        gridIds = (await areasInScope(request))
          .filter(
            (area) =>
              area.level === 'GRID' &&
              (villageArea === undefined || tree.isWithin(area.id, villageArea.id)) &&
              (gridArea === undefined || area.id === gridArea.id),
          )
          .map((area) => area.id);
      }
      const page = await listHouseholds(db, { gridIds, tag, limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/:id',
    {
      preHandler: readers,
      schema: {
        tags: ['households'],
        summary: 'One household; 404 also when it lies outside the caller’s area',
        params: idParamsSchema,
        response: { 200: { $ref: 'Household#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const household = await getHousehold(db, request.params.id);
      if (!household || !(await isAreaInScope(request, household.grid.id))) {
        throw notFound(`no household with id ${request.params.id}`);
      }
      return household;
    },
  );
};
