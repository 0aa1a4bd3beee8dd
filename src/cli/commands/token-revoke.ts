import { parseArgs } from 'node:util';
import { audit } from '../../audit/audit-log';
import { revokeApiToken } from '../../api/auth/tokens';
import { UsageError, type CliCommand } from '../command';
import { cliActor, withDatabase } from '../context';

export const tokenRevokeCommand: CliCommand = {
  name: 'token revoke',
  describe: 'revoke an API token; it stops working at once',
  usage: '<token id>',
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [id, ...extra] = positionals;
    if (!id || extra.length > 0) throw new UsageError('give exactly one token id');
    const token = await withDatabase(({ db }) =>
      db.$transaction(async (tx) => {
        const revoked = await revokeApiToken(tx, id);
        await audit(tx, { actor: cliActor(), action: 'token.revoke', subject: `token:${id}` });
        return revoked;
      }),
    );
    process.stdout.write(`token ${token.id} (${token.name}) revoked\n`);
    return 0;
  },
};
