import { readFileSync } from 'node:fs';

import type { PhoneBehaviour } from '../phone/phone-behaviour';
import { formatPhoneBehaviour, parsePhoneBehaviour } from '../phone/phone-behaviour';

/** Which number behaves how. `number` is E.164 with or without '+', as the carrier would deliver it. */
export interface NumberPlanEntry {
  readonly number: string;
  readonly behaviour: PhoneBehaviour;
}

export interface NumberPlan {
  readonly entries: readonly NumberPlanEntry[];
  /** From a `*,<behaviour>` row: what numbers missing from the plan do. */
  readonly defaultBehaviour?: PhoneBehaviour;
}

export interface NumberPlanProblem {
  /** 1-based line of the file (or position in the list, for plans built in code). */
  readonly row: number;
  readonly reason: string;
}

export class NumberPlanError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly NumberPlanProblem[],
  ) {
    super(
      `${source}: ${problems.length} bad row(s)\n${problems.map((p) => `  row ${p.row}: ${p.reason}`).join('\n')}`,
    );
    this.name = 'NumberPlanError';
  }
}

const NUMBER = /^\+?[0-9]{3,20}$/;
const DEFAULT_ROW = '*';

/** The form a number takes in the Request-URI match: digits only, no leading '+'. */
export function dialledNumberKey(number: string): string {
  return number.startsWith('+') ? number.slice(1) : number;
}

/**
 * Reads a plan written as CSV, one `number,behaviour[,param]` per line: `8613800000001,press:1`,
 * `8613800000001,press,1` (the same), `+8613800000002,busy`, `*,reject:480` (numbers not listed).
 * A first line `number,behaviour...` is a header; blank lines and lines starting with # are skipped.
 */
export function parseNumberPlan(
  text: string,
): NumberPlan & { readonly problems: readonly NumberPlanProblem[] } {
  const entries: NumberPlanEntry[] = [];
  const problems: NumberPlanProblem[] = [];
  const firstRowOf = new Map<string, number>();
  let defaultBehaviour: PhoneBehaviour | undefined;
  let defaultRow = 0;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerRow = firstDataRow(lines);
  lines.forEach((rawLine, index) => {
    const row = index + 1;
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(',').map((field) => field.trim());
    if (row === headerRow && fields[0]?.toLowerCase() === 'number') return;
    const problem = (reason: string) => problems.push({ row, reason });

    if (fields.length < 2 || fields.length > 3) {
      problem(`expected number,behaviour[,param] but found ${fields.length} field(s)`);
      return;
    }
    const [number = '', kindText = '', param] = fields;
    if (param !== undefined && kindText.includes(':')) {
      problem('give the parameter after ":" or in the third column, not both');
      return;
    }
    const parsed = parsePhoneBehaviour(param === undefined ? kindText : `${kindText}:${param}`);
    if (!parsed.ok) {
      problem(parsed.reason);
      return;
    }

    if (number === DEFAULT_ROW) {
      if (defaultBehaviour) problem(`a second default row (the first is row ${defaultRow})`);
      defaultBehaviour = parsed.behaviour;
      defaultRow = row;
      return;
    }
    const numberProblem = checkNumber(number, row, firstRowOf);
    if (numberProblem) {
      problem(numberProblem);
      return;
    }
    entries.push({ number, behaviour: parsed.behaviour });
  });
  return { entries, problems, ...(defaultBehaviour ? { defaultBehaviour } : {}) };
}

/** Problems of a plan built in code (rows are 1-based positions in the list). */
export function validateNumberPlan(entries: readonly NumberPlanEntry[]): NumberPlanProblem[] {
  const firstRowOf = new Map<string, number>();
  const problems: NumberPlanProblem[] = [];
  entries.forEach((entry, index) => {
    const reason = checkNumber(entry.number, index + 1, firstRowOf);
    if (reason) problems.push({ row: index + 1, reason });
  });
  return problems;
}

/** Reads and checks a plan file; throws NumberPlanError listing every bad row. */
export function readNumberPlanFile(path: string): NumberPlan {
  const { problems, ...plan } = parseNumberPlan(readFileSync(path, 'utf8'));
  if (problems.length > 0) throw new NumberPlanError(path, problems);
  return plan;
}

/** The CSV text of a plan, as parseNumberPlan reads it. */
export function numberPlanCsv(plan: NumberPlan): string {
  const rows = plan.entries.map((entry) => `${entry.number},${formatPhoneBehaviour(entry.behaviour)}`);
  if (plan.defaultBehaviour) rows.push(`${DEFAULT_ROW},${formatPhoneBehaviour(plan.defaultBehaviour)}`);
  return ['number,behaviour', ...rows, ''].join('\n');
}

function checkNumber(number: string, row: number, firstRowOf: Map<string, number>): string | null {
  if (!NUMBER.test(number)) return `"${number}" is not a phone number (3 to 20 digits, optionally after +)`;
  const key = dialledNumberKey(number);
  const first = firstRowOf.get(key);
  if (first !== undefined) return `${number} is already in the plan (row ${first})`;
  firstRowOf.set(key, row);
  return null;
}

function firstDataRow(lines: readonly string[]): number {
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return index + 1;
}
