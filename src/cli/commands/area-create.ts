import { parseArgs } from 'node:util';
import { audit } from '../../audit/audit-log';
import { createArea } from '../../directory/areas';
import { AreaLevel } from '../../generated/prisma/client';
import { UsageError, type CliCommand } from '../command';
import { cliActor, findArea, withDatabase } from '../context';

export const areaCreateCommand: CliCommand = {
  name: 'area create',
  describe: 'create a town, a village (under a town) or a grid (under a village)',
  usage: '--level town|village|grid --name <name> --code <code> [--parent <area id or code>]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        level: { type: 'string' },
        name: { type: 'string' },
        code: { type: 'string' },
        parent: { type: 'string' },
      },
    });
    const level = values.level?.toUpperCase();
    if (!level || !(level in AreaLevel)) throw new UsageError('--level must be town, village or grid');
    if (!values.name || !values.code) throw new UsageError('--name and --code are required');
    const { name, code, parent } = values;

    const area = await withDatabase(({ db }) =>
      db.$transaction(async (tx) => {
        const parentId = parent === undefined ? null : (await findArea(tx, parent)).id;
        const created = await createArea(tx, { level: level as AreaLevel, name, code, parentId });
        await audit(tx, {
          actor: cliActor(),
          action: 'area.create',
          subject: `area:${created.id}`,
          details: { level: created.level, name, code, parentId },
        });
        return created;
      }),
    );
    process.stdout.write(`${area.level} ${area.name} (${area.code}) created: ${area.id}\n`);
    return 0;
  },
};
