import {
  decimalField,
  field,
  integerField,
  parseCsvRows,
  RowFieldError,
  type CsvParseResult,
} from './csv-rows';

/**
 * linli's Wi-Fi table, one access point per line, header optional:
 *   mac,lat,lon,range
 *   a4:56:02:1b:7c:e0,30.274084,120.155070,40
 * mac with ':' or '-' separators or none, any case; lat/lon WGS-84 degrees; range in whole metres (> 0),
 * how far from the point the access point can still be heard.
 */
const WIFI_TABLE_HEADER = ['mac', 'lat', 'lon', 'range'] as const;

export interface WifiTableEntry {
  /** Lower case, colon separated. */
  mac: string;
  lat: number;
  lon: number;
  rangeM: number;
}

/** `aa:bb:cc:dd:ee:ff`, or null when the text is not a MAC address. */
export function normaliseMac(text: string): string | null {
  const hex = text.trim().toLowerCase().replace(/[:-]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

export function parseWifiTableCsv(text: string): CsvParseResult<WifiTableEntry> {
  return parseCsvRows(text, WIFI_TABLE_HEADER, (fields) => {
    const mac = normaliseMac(field(fields, 0));
    if (mac === null) throw new RowFieldError('mac', `must be six hex bytes, got "${field(fields, 0)}"`);
    return {
      mac,
      lat: decimalField(field(fields, 1), 'lat', -90, 90),
      lon: decimalField(field(fields, 2), 'lon', -180, 180),
      rangeM: integerField(field(fields, 3), 'range', 1, Number.MAX_SAFE_INTEGER),
    };
  });
}
