import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client';
import { importHouseholds } from '../../directory/import/import-households';
import { audit } from '../audit';
import { uploadedBytes } from '../uploaded-bytes';
import { householdImportAuditEntries } from '../household-import-audit';
import { requireRole } from '../auth/authorize';
import { actorOf, principalOf } from '../auth/principal';
import { errorResponses } from '../schemas/common';
import { importBodySchema, importQuerySchema, type ImportQuery } from '../schemas/household-import';

/** A village's household list is a few hundred kB; 10 MB leaves room for a whole town. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const householdImportRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
  // Raw bytes, not text: the encoding (UTF-8 or GBK) is decided by the importer, not by the HTTP layer.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post<{ Querystring: ImportQuery; Body: unknown }>(
    '/api/v1/households/import',
    {
      preHandler: requireRole('CADRE', 'GRID_WORKER'),
      schema: {
        tags: ['households'],
        summary: 'Import households from CSV (UTF-8 or GBK) into the caller’s area',
        description:
          'Header: village,grid,household_ref,address,latitude,longitude,phones,members,tags. ' +
          'Households are matched by (grid, household_ref): a re-import updates them, replacing phones and ' +
          'members. 200 when rows were written (valid-only mode may still reject some: see `rejected` and ' +
          '`errors`); 422 when nothing was written.',
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
      const report = await importHouseholds(db, bytes, {
        mode,
        encoding,
        scopeAreaId: principal.areaId,
        beforeCommit: (tx, outcome, summary) =>
          audit(
            tx,
            householdImportAuditEntries(actor, `area:${principal.areaId ?? 'all'}`, outcome, summary, {
              mode,
            }),
          ),
      });
      if (!report.imported) {
        const fileProblem = report.errors.find((e) => e.field === '(file)' || e.field === '(header)');
        const message = fileProblem
          ? `nothing was imported: ${fileProblem.reason}`
          : `nothing was imported: ${report.errors.length} problem(s) in ${report.rejected} row(s)`;
        return reply.code(422).send({ error: 'import_rejected', message, report });
      }
      return report;
    },
  );
};
