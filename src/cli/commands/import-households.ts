import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { auditInBulk } from '../../audit/audit-log';
import { householdImportAuditEntry } from '../../directory/import/household-import-audit';
import { importHouseholds } from '../../directory/import/import-households';
import {
  CSV_ENCODINGS,
  IMPORT_MODES,
  type CsvEncoding,
  type ImportMode,
  type ImportProgress,
} from '../../directory/import/types';
import { UsageError, type CliCommand } from '../command';
import { cliActor, withDatabase } from '../context';
import { formatTable } from '../format-table';
import { importProgressLine } from './import-progress-line';

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

export const importHouseholdsCommand: CliCommand = {
  name: 'import households',
  describe: 'import a household CSV (UTF-8 or GBK); shows progress, prints row errors and warnings',
  usage: '<file.csv> [--mode all-or-nothing|valid-only] [--encoding auto|utf8|gbk]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        mode: { type: 'string', default: 'all-or-nothing' },
        encoding: { type: 'string', default: 'auto' },
      },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one CSV file');
    const mode: ImportMode = oneOf('mode', values.mode, IMPORT_MODES);
    const encoding: CsvEncoding = oneOf('encoding', values.encoding, CSV_ENCODINGS);
    const bytes = await readFile(file).catch((error: Error) => {
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    });
    const actor = cliActor();

    // On a terminal one line updated in place; in a log, a line per step.
    const showProgress = (progress: ImportProgress) =>
      process.stderr.write(
        process.stderr.isTTY ? `\r${importProgressLine(progress)}` : `${importProgressLine(progress)}\n`,
      );
    const report = await withDatabase(({ db }) =>
      importHouseholds(db, bytes, {
        mode,
        encoding,
        scopeAreaId: null,
        onProgress: showProgress,
        beforeCommit: (_tx, outcome, summary, sql) =>
          auditInBulk(sql, householdImportAuditEntry(actor, 'area:all', outcome, summary, { file, mode })),
      }),
    );

    if (process.stderr.isTTY) process.stderr.write('\n');
    if (report.errors.length > 0) {
      process.stdout.write(
        formatTable(
          ['row', 'field', 'value', 'reason'],
          report.errors.map((e) => [String(e.row), e.field, e.value, e.reason]),
        ),
      );
    }
    if (report.warnings.length > 0) {
      process.stdout.write(
        `warnings (the rows are imported as they are):\n${formatTable(
          ['row', 'field', 'value', 'reason'],
          report.warnings.map((w) => [String(w.row), w.field, w.value, w.reason]),
        )}`,
      );
    }
    const counts = `${report.rows} rows (${report.encoding ?? 'unreadable'}): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected${report.warnings.length > 0 ? `, ${report.warnings.length} warning(s)` : ''}`;
    if (!report.imported) {
      process.stderr.write(`${counts}\nnothing was imported (${mode}); fix the rows above and run again\n`);
      return 1;
    }
    process.stdout.write(`${counts}\n`);
    return 0;
  },
};
