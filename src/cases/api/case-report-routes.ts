import { requireRole } from '../../api/auth/authorize';
import { errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { InvalidInputError } from '../../directory/errors';
import { caseEventDetailsJson } from '../case-event-json';
import type { CaseService } from '../case-service';
import { caseFacts } from '../domain/case-log';
import { caseFigures, figuresCsv, type CaseForFigures } from '../domain/case-figures';
import type { CaseCategory } from '../domain/case-types';
import { caseScope } from './case-access';

const reportQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date', description: 'first day (Shanghai), YYYY-MM-DD' },
    to: {
      type: 'string',
      format: 'date',
      description: 'day after the last, YYYY-MM-DD (a week: from + 7 days)',
    },
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
  },
} as const;

/** Figures over cases opened in a period, in the caller's area: JSON or CSV (the weekly report). */
export function caseReportRoutes(service: CaseService): RouteRegistrar {
  const { db } = service;
  return mountedAt('/api/v1/case-reports', async (app) => {
    app.get(
      '/figures',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['cases'],
          summary: 'On-time rate per stage, closed-loop rate, satisfaction, top categories and hotspots',
          querystring: reportQuery,
          response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { from, to, format } = request.query;
        const fromMs = Date.parse(`${from}T00:00:00+08:00`);
        const toMs = Date.parse(`${to}T00:00:00+08:00`);
        if (!(toMs > fromMs) || toMs - fromMs > 366 * 86_400_000) {
          throw new InvalidInputError([{ field: 'to', reason: 'must be after from, within a year' }]);
        }
        const rows = await db.governanceCase.findMany({
          where: {
            AND: [await caseScope(request), { openedAt: { gte: new Date(fromMs), lt: new Date(toMs) } }],
          },
          include: {
            events: { orderBy: { seq: 'asc' }, select: { id: true, seq: true, at: true, details: true } },
          },
        });
        const now = service.now();
        const cases: CaseForFigures[] = [];
        for (const row of rows) {
          const details = row.events.map((e) => ({ e, d: caseEventDetailsJson.read(e.id, e.details) }));
          const facts = caseFacts(
            details.map(({ e, d }) =>
              d.to ? { seq: e.seq, at: e.at.getTime(), to: d.to } : { seq: e.seq, at: e.at.getTime() },
            ),
          );
          const policy = await service.rules.policyFor(db, row.category as CaseCategory, row.urgent);
          cases.push({
            category: row.category,
            villageId: row.villageId,
            gridId: row.gridId,
            state: row.state,
            stages: service.rules.evaluate(facts, policy, now).stages,
            satisfaction:
              details
                .map(({ d }) => d.satisfaction)
                .filter((s) => s !== undefined)
                .at(-1) ?? null,
          });
        }
        const figures = caseFigures(cases);
        if (format !== 'csv') return { from, to, ...figures };
        const tree = await app.areaTree.get();
        const csv = figuresCsv(figures, (id) => (id === null ? '(dispatcher)' : (tree.get(id)?.name ?? id)));
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="cases-${from}-${to}.csv"`)
          .send(csv);
      },
    );
  });
}
