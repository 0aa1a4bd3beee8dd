/** Splits a cell holding several values; people type ASCII or full-width separators interchangeably. */
export function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export const LIST_SEPARATORS = /[;；]/;
/** Phones also come comma- or 、-separated (inside quotes, for the comma). */
export const PHONE_SEPARATORS = /[;；,，、]/;
