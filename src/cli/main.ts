#!/usr/bin/env node
import { ConfigError } from '../config/env';
import { ConflictError, InvalidInputError, NotFoundError } from '../directory/errors';
import { UsageError, type CliCommand } from './command';
import { commands } from './commands';

const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

function help(): string {
  const lines = commands.map((c) => `  linli ${c.name} ${c.usage}\n      ${c.describe}`);
  return `usage: linli <command> [arguments]\n\n${lines.join('\n')}\n`;
}

/** The command whose name matches the most leading words; `campaign watch 12` → `campaign watch`. */
function findCommand(argv: readonly string[]): { command: CliCommand; args: string[] } | undefined {
  const matches = commands
    .map((command) => ({ command, words: command.name.split(' ') }))
    .filter(({ words }) => words.every((word, i) => argv[i] === word))
    .sort((a, b) => b.words.length - a.words.length);
  const best = matches[0];
  return best && { command: best.command, args: argv.slice(best.words.length) };
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0] ?? '')) {
    process.stdout.write(help());
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`linli: unknown command "${argv.join(' ')}"\n\n${help()}`);
    return EXIT_USAGE;
  }
  const { command, args } = found;
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(
        `linli ${command.name}: ${error.message}\nusage: linli ${command.name} ${command.usage}\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_CONFIG;
    }
    if (
      error instanceof InvalidInputError ||
      error instanceof NotFoundError ||
      error instanceof ConflictError
    ) {
      process.stderr.write(`linli ${command.name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `linli failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
