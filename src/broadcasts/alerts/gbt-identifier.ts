import { alertTime } from './alert-words';

/**
 * GB/T 35965.1 identifiers: `ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N`, the issuing unit's code (GB/T 2260
 * area, GB/T 4657 sector, unit, extension), the time it was entered (Beijing time) and a sequence
 * digit. Feeds in the wild drop the `_N`; that is accepted.
 */
const GBT_IDENTIFIER = /^(\d{6})(\d{3})(\d{3})(\d{2})_(\d{14})(?:_(\d))?$/;

export interface GbtIdentifier {
  /** GB/T 2260 code of the issuing unit's area. */
  areaCode: string;
  /** ZZZZZZDDDUUUXX */
  unitCode: string;
  enteredAt: Date;
  sequence?: number;
}

export function parseGbtIdentifier(identifier: string): GbtIdentifier | undefined {
  const match = GBT_IDENTIFIER.exec(identifier.trim());
  if (!match) return undefined;
  const [, area = '', sector = '', unit = '', extension = '', time = '', sequence] = match;
  const enteredAt = alertTime(time);
  if (!enteredAt) return undefined;
  return {
    areaCode: area,
    unitCode: `${area}${sector}${unit}${extension}`,
    enteredAt,
    ...(sequence === undefined ? {} : { sequence: Number(sequence) }),
  };
}
