import { parseArgs } from 'node:util';
import { audit } from '../../audit/audit-log';
import { createApiToken } from '../../api/auth/tokens';
import { Role } from '../../generated/prisma/client';
import { UsageError, type CliCommand } from '../command';
import { cliActor, findArea, withDatabase } from '../context';
import { parseExpiry } from '../parse-expiry';

/** `cadre`, `GRID_WORKER` and `grid-worker` all name a role. */
function parseRole(text: string): Role {
  const role = text.trim().toUpperCase().replace(/-/g, '_');
  if (!(role in Role)) {
    throw new UsageError(
      `--role must be one of ${Object.values(Role)
        .map((r) => r.toLowerCase())
        .join(', ')}`,
    );
  }
  return role as Role;
}

export const tokenCreateCommand: CliCommand = {
  name: 'token create',
  describe: 'create an API token (printed once)',
  usage:
    '--name <name> --role <role> [--area <area id or code>] [--person <person id>] [--expires <90d | 12h | 2026-12-31T18:00+08:00>]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        area: { type: 'string' },
        person: { type: 'string' },
        expires: { type: 'string' },
      },
    });
    if (!values.name) throw new UsageError('--name is required');
    if (!values.role) throw new UsageError('--role is required');
    const role = parseRole(values.role);
    const { name, area } = values;
    const personId = values.person ?? null;
    const expiresAt = values.expires === undefined ? null : parseExpiry(values.expires);

    const created = await withDatabase(({ db }) =>
      db.$transaction(async (tx) => {
        const areaId = area === undefined ? null : (await findArea(tx, area)).id;
        const token = await createApiToken(tx, { name, role, areaId, personId, expiresAt });
        await audit(tx, {
          actor: cliActor(),
          action: 'token.create',
          subject: `token:${token.id}`,
          details: { name, role, areaId, personId, expiresAt: expiresAt?.toISOString() ?? null },
        });
        return token;
      }),
    );
    const until = expiresAt ? `, valid until ${expiresAt.toISOString()}` : '';
    process.stderr.write(`token ${created.id} created${until}; it is shown only this once:\n`);
    process.stdout.write(`${created.token}\n`);
    return 0;
  },
};
