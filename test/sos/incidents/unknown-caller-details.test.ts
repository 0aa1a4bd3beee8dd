import { audit } from '../../../src/audit/audit-log';
import { auditDetailsJson } from '../../../src/audit/audit-details-json';
import { unknownCallerDetailsJson } from '../../../src/sos/incidents/unknown-callers';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { storedFixture } from '../../fixtures/json/read-fixture';

/** An unknown SOS caller's audit details as the previous deploy wrote them: no version. */
const detailsV1 = storedFixture('audit-details-unknown-caller.v1.json');

describe('AuditLog.details of an unknown SOS caller written by the previous deploy', () => {
  it('are read with the fields the dispatcher calls back with', () => {
    expect(unknownCallerDetailsJson.read('audit-1', detailsV1)).toEqual({
      caller: '+8613700137999',
      called: '+8657112110',
      recording: 'sos/c-77',
      at: '2026-11-20T22:14:05.000Z',
    });
    expect(auditDetailsJson.read('audit-1', detailsV1)).toMatchObject({ caller: '+8613700137999' });
  });

  it('refuse corrupt details with an error naming the row and the field', () => {
    expect(() => unknownCallerDetailsJson.read('audit-1', { ...(detailsV1 as object), caller: 137 })).toThrow(
      /^AuditLog\.details of row audit-1 cannot be read: as version 1: caller: /,
    );
    expect(() => auditDetailsJson.read('audit-1', ['not', 'an', 'object'])).toThrow(/expected an object/);
  });
});

describe('the audit log', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('auditjson');
  });
  afterAll(() => database.drop());

  it('stamps details with their version, and leaves an entry without details without', async () => {
    await audit(database.db, [
      { actor: 'sos', action: 'sos.unknown_caller', subject: 'call:c-1', details: { caller: '+86137' } },
      { actor: 'sos', action: 'call.create', subject: 'call:c-2' },
    ]);
    const rows = await database.db.auditLog.findMany({ orderBy: { subject: 'asc' } });
    expect(rows.map((r) => r.details)).toEqual([{ caller: '+86137', version: 1 }, null]);
  });
});
