import type { FieldProblem } from '../../validation/field-problem';

export type FieldProblemCode =
  | 'required'
  | 'too_long'
  | 'invalid_format'
  | 'out_of_range'
  | 'duplicate'
  | 'conflict'
  | 'unknown_reference';

/**
 * One problem with one field of a campaign, e.g. `{ field: 'menu.options[1].digit', ... }`, with a code
 * saying what kind of problem it is, for the rules' tests.
 */
export interface CampaignFieldProblem extends FieldProblem {
  code: FieldProblemCode;
}

export type ReferenceKind = 'trunk' | 'village' | 'grid' | 'household_tag' | 'uploaded_list' | 'audio_file';

/** The problem of an id that configuration or the database does not know. */
export function unknownReference(field: string, kind: ReferenceKind, id: string): CampaignFieldProblem {
  return { field, code: 'unknown_reference', reason: `no ${kind.replace('_', ' ')} "${id}" exists` };
}
