import { parseArgs } from 'node:util';
import { audit } from '../../audit/audit-log';
import { personCreatedDetails } from '../../directory/people-audit';
import { createPerson, WHOLE_TREE } from '../../directory/people-write';
import { Role } from '../../generated/prisma/client';
import { UsageError, type CliCommand } from '../command';
import { cliActor, findArea, withDatabase } from '../context';

/** `grid_worker`, `GRID_WORKER` and `grid-worker` all name a role. */
function parseRole(text: string): Role {
  const role = text.trim().toUpperCase().replace(/-/g, '_');
  if (!(role in Role)) {
    const names = Object.values(Role).map((r) => r.toLowerCase());
    throw new UsageError(`--role must be one of ${names.join(', ')}; got "${text}"`);
  }
  return role as Role;
}

export const personCreateCommand: CliCommand = {
  name: 'person create',
  describe: 'register a grid worker, cadre, dispatcher or family contact; prints their id',
  usage:
    '--name <name> --role <role> [--role <role>] [--area <area id or code>] --phone <number> [--phone <number>]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        area: { type: 'string' },
        phone: { type: 'string', multiple: true },
      },
    });
    if (!values.name) throw new UsageError('--name is required');
    if (!values.role?.length) throw new UsageError('--role is required');
    if (!values.phone?.length) throw new UsageError('--phone is required; repeat it for more numbers');
    const roles = [...new Set(values.role.map(parseRole))];
    const { name, area, phone: phones } = values;

    const person = await withDatabase(({ db }) =>
      db.$transaction(async (tx) => {
        const areaId = area === undefined ? null : (await findArea(tx, area)).id;
        const created = await createPerson(tx, { name, roles, areaId, phones }, WHOLE_TREE);
        await audit(tx, {
          actor: cliActor(),
          action: 'person.create',
          subject: `person:${created.id}`,
          details: personCreatedDetails(created),
        });
        return created;
      }),
    );
    process.stderr.write(`${person.roles.join(', ')} ${person.name} (${person.phones.join(', ')}) created\n`);
    process.stdout.write(`${person.id}\n`);
    return 0;
  },
};
