import type { CliCommand } from '../command';
import { areaCreateCommand } from './area-create';
import { campaignWatchCommand } from './campaign-watch';
import { importHouseholdsCommand } from './import-households';
import { personCreateCommand } from './person-create';
import { tokenCreateCommand } from './token-create';
import { tokenRevokeCommand } from './token-revoke';

/** Every `linli` subcommand. Other modules add theirs here (e.g. `campaign watch`). */
export const commands: readonly CliCommand[] = [
  importHouseholdsCommand,
  areaCreateCommand,
  personCreateCommand,
  tokenCreateCommand,
  tokenRevokeCommand,
  campaignWatchCommand,
];
