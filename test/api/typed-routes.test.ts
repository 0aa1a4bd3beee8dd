import Fastify from 'fastify';
import { errorResponses, idParamsSchema } from '../../src/api/schemas/common';
import { listPeopleQuerySchema } from '../../src/api/schemas/person';
import { SHARED_SCHEMAS } from '../../src/api/schemas/shared';
import type { ApiTypeProvider } from '../../src/api/typed-routes';

/** The type assertions are checked by tsc (npm run typecheck); the request shows the runtime agrees. */
describe('route types derived from the JSON schemas', () => {
  it('types params, defaulted query fields and replies (Dates allowed for date-time) from the schema', async () => {
    const app = Fastify().withTypeProvider<ApiTypeProvider>();
    for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
    app.get(
      '/people/:id',
      {
        schema: {
          params: idParamsSchema,
          querystring: listPeopleQuerySchema,
          response: {
            200: {
              type: 'object',
              required: ['id', 'limit', 'at'],
              properties: {
                id: { type: 'string' },
                limit: { type: 'integer' },
                at: { type: 'string', format: 'date-time' },
              },
            },
            ...errorResponses(404),
          },
        },
      },
      async (request, reply) => {
        const limit: number = request.query.limit;
        // @ts-expect-error a field the querystring schema does not have
        void request.query.village;
        // @ts-expect-error the 404 schema is an error body
        if (limit < 0) return reply.code(404).send({ id: 'x' });
        return { id: request.params.id, limit, at: new Date(0) };
      },
    );
    const res = await app.inject({ method: 'GET', url: '/people/p1' });
    expect(res.json()).toEqual({ id: 'p1', limit: 50, at: '1970-01-01T00:00:00.000Z' });
  });
});
