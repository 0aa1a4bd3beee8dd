export type FieldErrorCode =
  | 'required'
  | 'too_long'
  | 'invalid_format'
  | 'out_of_range'
  | 'duplicate'
  | 'conflict'
  | 'unknown_reference';

/** One problem with one field of a campaign, e.g. `{ path: 'menu.options[1].digit', ... }`. */
export interface FieldError {
  path: string;
  code: FieldErrorCode;
  message: string;
}

export type ReferenceKind = 'trunk' | 'village' | 'grid' | 'household_tag' | 'uploaded_list' | 'audio_file';

/** The error for an id that configuration or the database does not know. */
export function unknownReferenceError(path: string, kind: ReferenceKind, id: string): FieldError {
  return { path, code: 'unknown_reference', message: `no ${kind.replace('_', ' ')} "${id}" exists` };
}
