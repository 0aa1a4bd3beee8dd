import type { FastifyInstance } from 'fastify';
import { caseAdminRoutes } from '../../../src/cases/api/case-admin-routes';
import { caseReportRoutes } from '../../../src/cases/api/case-report-routes';
import { caseRoutes } from '../../../src/cases/api/case-routes';
import { createCaseService, type CaseService } from '../../../src/cases/case-service';
import { caseSlaRules } from '../../../src/cases/sla/case-sla-rules';
import type { Db } from '../../../src/db/client';
import { createLogger } from '../../../src/logging';
import { buildTestServer } from '../../api/support/api-fixture';

/** The case routes over a real database, with a clock the test moves. */
export async function caseApi(
  db: Db,
  clock: { now: number },
  onChanged?: (caseId: string) => Promise<void>,
): Promise<{ app: FastifyInstance; service: CaseService }> {
  const rules = caseSlaRules({
    hours: { startMinute: 510, endMinute: 1050 },
    logger: createLogger('silent'),
  });
  const service = createCaseService({ db, rules, now: () => clock.now, onChanged });
  const app = await buildTestServer(db, {
    registerRoutes: [caseRoutes(service), caseAdminRoutes(service), caseReportRoutes(service)],
  });
  return { app, service };
}
