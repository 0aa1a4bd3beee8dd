import { createHash, randomBytes } from 'node:crypto';
import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import type { DbClient } from '../../directory/db-client';
import { InvalidInputError, NotFoundError } from '../../directory/errors';
import type { FieldProblem } from '../../validation/field-problem';
import type { Role } from '../../generated/prisma/client';

export interface NewApiToken {
  name: string;
  role: Role;
  /** The area (town, village or grid) the token may see; null or absent for the whole tree. */
  areaId?: string | null;
  /** The person the token is issued to; required for FAMILY_CONTACT, whose access depends on who they are. */
  personId?: string | null;
  /** After this instant the token is refused; null or absent: it does not expire. */
  expiresAt?: Date | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  areaId: string | null;
  personId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

const viewSelect = {
  id: true,
  name: true,
  role: true,
  areaId: true,
  personId: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
  expiresAt: true,
} as const;

/** Only this hash is stored, so a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Every problem with the input at once, so a client fixes them in one go. */
function problemsOf(input: NewApiToken, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.name.trim() === '') problems.push({ field: 'name', reason: 'must not be blank' });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    problems.push({ field: 'expiresAt', reason: 'must be in the future' });
  }
  // A family contact may read only their own elders' locations, which needs to know who they are.
  if (input.role === 'FAMILY_CONTACT' && !input.personId) {
    problems.push({
      field: 'personId',
      reason: 'a FAMILY_CONTACT token must name the person it is issued to',
    });
  }
  return problems;
}

/** Creates a token; the returned `token` is the only time it is shown. */
export async function createApiToken(
  db: DbClient,
  input: NewApiToken,
  now = new Date(),
): Promise<{ token: string; id: string }> {
  const problems = problemsOf(input, now);
  if (problems.length > 0) throw new InvalidInputError(problems);
  const areaId = input.areaId ?? null;
  if (areaId !== null && !(await db.area.findUnique({ where: { id: areaId }, select: { id: true } }))) {
    throw new NotFoundError(`no area with id ${areaId}`);
  }
  const personId = input.personId ?? null;
  if (personId !== null && !(await db.person.findUnique({ where: { id: personId }, select: { id: true } }))) {
    throw new NotFoundError(`no person with id ${personId}`);
  }
  // The prefix makes a leaked token recognisable to secret scanners and to people.
  const token = `linli_${randomBytes(32).toString('base64url')}`;
  const { id } = await db.apiToken.create({
    data: {
      name: input.name.trim(),
      role: input.role,
      areaId,
      personId,
      expiresAt: input.expiresAt ?? null,
      hash: hashToken(token),
    },
    select: { id: true },
  });
  return { token, id };
}

/** Revokes a token (again, harmlessly, if it already is); a token that never existed is an error. */
export async function revokeApiToken(db: DbClient, id: string): Promise<ApiTokenView> {
  const token = await db.apiToken.findUnique({ where: { id }, select: viewSelect });
  if (!token) throw new NotFoundError(`no API token with id ${id}`);
  if (token.revokedAt) return token;
  return db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: viewSelect });
}

export async function getApiToken(db: DbClient, id: string): Promise<ApiTokenView | null> {
  return db.apiToken.findUnique({ where: { id }, select: viewSelect });
}

export async function listApiTokens(db: DbClient): Promise<ApiTokenView[]> {
  return db.apiToken.findMany({ select: viewSelect, orderBy: { createdAt: 'asc' } });
}

/** The token a request presents, if it exists and is not revoked (it may have expired: see isExpired). */
interface ActiveTokenRow {
  id: string;
  name: string;
  role: Role;
  areaId: string | null;
  personId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

const epochMs = (column: string) => `(EXTRACT(EPOCH FROM "${column}") * 1000)::float8 AS "${column}"`;
const ACTIVE_TOKEN_SQL = `SELECT "id", "name", "role"::text AS "role", "areaId", "personId",
  ${['createdAt', 'lastUsedAt', 'expiresAt'].map(epochMs).join(', ')}
  FROM "ApiToken" WHERE "hash" = $1 AND "revokedAt" IS NULL LIMIT 1`;

/**
 * The token every request names. Sent to the driver itself: through the ORM, this one lookup was about a
 * third of a case read's time. Instants come back as epoch milliseconds, whatever the session's time zone.
 */
export async function findActiveToken(db: Db, token: string): Promise<ApiTokenView | null> {
  const [row] = await bulkSql(db).query<ActiveTokenRow>(ACTIVE_TOKEN_SQL, [hashToken(token)], {
    repeated: true,
  });
  if (!row) return null;
  const instant = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return {
    ...row,
    createdAt: new Date(Number(row.createdAt)),
    revokedAt: null,
    lastUsedAt: instant(row.lastUsedAt),
    expiresAt: instant(row.expiresAt),
  };
}

export function isExpired(token: Pick<ApiTokenView, 'expiresAt'>, now = new Date()): boolean {
  return token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime();
}

// Writing on every request would turn reads into writes; a minute's precision is enough to spot dead tokens.
const LAST_USED_PRECISION_MS = 60_000;

export async function touchApiToken(db: DbClient, token: ApiTokenView, now = new Date()): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
  await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
}
