import type { FieldProblem } from '../../validation/field-problem';

/** Why a frame's content could not be decoded: which message, which field, what was wrong. */
export interface ContentProblem extends FieldProblem {
  keyword: string;
  /** The offending text, when there is one (cut to 40 characters for logs). */
  value?: string;
}

export class ContentValidationError extends Error {
  constructor(readonly problem: ContentProblem) {
    super(describeContentProblem(problem));
    this.name = 'ContentValidationError';
  }
}

export function describeContentProblem(problem: ContentProblem): string {
  const value = problem.value === undefined ? '' : ` (got "${problem.value}")`;
  return `${problem.keyword} field "${problem.field}": ${problem.reason}${value}`;
}

export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
