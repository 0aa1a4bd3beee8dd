/** A `linli` subcommand; add new ones to the list in commands/index.ts. */
export interface CliCommand {
  /** The words that select it, e.g. `import households`, `campaign watch`. */
  name: string;
  /** One line for `linli help`. */
  describe: string;
  /** Arguments and options after the name, for `linli help`. */
  usage: string;
  /** Runs with the arguments after the name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** Wrong arguments: printed with the command's usage, exit code 64 (EX_USAGE). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
