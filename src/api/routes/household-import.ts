import multipart from '@fastify/multipart';
import type { Db } from '../../db/client';
import { importHouseholds } from '../../directory/import/import-households';
import type { ImportReport } from '../../directory/import/types';
import { auditInBulk } from '../../audit/audit-log';
import { uploadedBytes } from '../uploaded-bytes';
import { householdImportAuditEntry } from '../../directory/import/household-import-audit';
import { requireRole } from '../auth/authorize';
import { actorOf, principalOf } from '../auth/principal';
import { errorResponses } from '../schemas/common';
import { importBodySchema, importQuerySchema } from '../schemas/household-import';
import type { ApiRoutes } from '../typed-routes';
import { openProgressStream, wantsProgress } from './household-import-progress';

/** A village's household list is a few hundred kB; a city's 100,000 households about 16 MB in UTF-8. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Under /api/v1/households. */
export const householdImportRoutes: ApiRoutes<{ db: Db }> = async (app, { db }) => {
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
  // Raw bytes, not text: the encoding (UTF-8 or GBK) is decided by the importer, not by the HTTP layer.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/import',
    {
      preHandler: requireRole('CADRE', 'GRID_WORKER'),
      schema: {
        tags: ['households'],
        summary: 'Import households from CSV (UTF-8 or GBK) into the caller’s area',
        description:
          'Header: village,grid,household_ref,address,latitude,longitude,phones,members,tags. ' +
          'Households are matched by (grid, household_ref): a re-import updates them, replacing phones and ' +
          'members. 200 when rows were written (valid-only mode may still reject some: see `rejected` and ' +
          '`errors`); 422 when nothing was written. Phone numbers listed by several rows are `warnings`. ' +
          'With `Accept: text/event-stream` the answer is a stream: `event: progress` ({ stage, done, total }) ' +
          'while rows are checked and households written, then `event: result` with the { status, body } ' +
          'the plain request would have answered.',
        querystring: importQuerySchema,
        body: importBodySchema,
        response: {
          200: { $ref: 'ImportReport#' },
          422: { $ref: 'ImportRejected#' },
          ...errorResponses(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const bytes = await uploadedBytes(request.body, 'the CSV (Content-Type: text/csv)');
      const principal = principalOf(request);
      const actor = actorOf(principal);
      const { mode, encoding } = request.query;
      const stream = wantsProgress(request) ? openProgressStream(request, reply) : null;
      const importing = importHouseholds(db, bytes, {
        mode,
        encoding,
        scopeAreaId: principal.areaId,
        onProgress: stream?.progress,
        beforeCommit: (_tx, outcome, summary, sql) =>
          auditInBulk(
            sql,
            householdImportAuditEntry(actor, `area:${principal.areaId ?? 'all'}`, outcome, summary, {
              mode,
            }),
          ),
      });
      if (stream) {
        const finish = (report: ImportReport) =>
          stream.finish(
            report.imported ? { status: 200, body: report } : { status: 422, body: rejection(report) },
          );
        return importing.then(finish, stream.fail);
      }
      const report = await importing;
      if (!report.imported) return reply.code(422).send(rejection(report));
      return report;
    },
  );
};

function rejection(report: ImportReport) {
  const fileProblem = report.errors.find((e) => e.field === '(file)' || e.field === '(header)');
  const message = fileProblem
    ? `nothing was imported: ${fileProblem.reason}`
    : `nothing was imported: ${report.errors.length} problem(s) in ${report.rejected} row(s)`;
  return { error: 'import_rejected' as const, message, report };
}
