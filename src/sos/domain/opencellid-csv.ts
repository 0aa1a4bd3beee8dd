import {
  decimalField,
  field,
  integerField,
  parseCsvRows,
  RowFieldError,
  type CsvParseResult,
} from './csv-rows';

const OPENCELLID_HEADER = [
  'radio',
  'mcc',
  'net',
  'area',
  'cell',
  'unit',
  'lon',
  'lat',
  'range',
  'samples',
  'changeable',
  'created',
  'updated',
  'averageSignal',
] as const;

const RADIOS = ['GSM', 'UMTS', 'CDMA', 'LTE', 'NR'] as const;
type Radio = (typeof RADIOS)[number];

export interface OpenCellIdTower {
  radio: Radio;
  mcc: number;
  mnc: number;
  /** Location or tracking area code. */
  lac: number;
  cid: number;
  lat: number;
  lon: number;
  /** OpenCellID's estimate of the cell's reach, metres. */
  rangeM: number;
  samples: number;
}

const column = (name: (typeof OPENCELLID_HEADER)[number]): number => OPENCELLID_HEADER.indexOf(name);

/**
 * Parses an OpenCellID export (the full cell_towers.csv or a per-country file). Fields linli does not
 * use (unit, changeable, created, updated, averageSignal) are not checked.
 */
export function parseOpenCellIdCsv(text: string): CsvParseResult<OpenCellIdTower> {
  return parseCsvRows(text, OPENCELLID_HEADER, (fields) => {
    const radio = field(fields, column('radio')).toUpperCase();
    if (!isRadio(radio)) {
      throw new RowFieldError('radio', `must be one of ${RADIOS.join(', ')}, got "${radio}"`);
    }
    return {
      radio,
      mcc: integerField(field(fields, column('mcc')), 'mcc', 0, 999),
      mnc: integerField(field(fields, column('net')), 'net', 0, 999),
      lac: integerField(field(fields, column('area')), 'area', 0, 0xffff_ffff),
      // NR cell identities are 36 bits wide.
      cid: integerField(field(fields, column('cell')), 'cell', 0, 2 ** 36 - 1),
      lon: decimalField(field(fields, column('lon')), 'lon', -180, 180),
      lat: decimalField(field(fields, column('lat')), 'lat', -90, 90),
      rangeM: integerField(field(fields, column('range')), 'range', 0, Number.MAX_SAFE_INTEGER),
      samples: integerField(field(fields, column('samples')), 'samples', 0, Number.MAX_SAFE_INTEGER),
    };
  });
}

function isRadio(value: string): value is Radio {
  return (RADIOS as readonly string[]).includes(value);
}
