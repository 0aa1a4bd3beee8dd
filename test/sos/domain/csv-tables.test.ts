import { parseOpenCellIdCsv, parseWifiTableCsv, normaliseMac } from '../../../src/sos/domain';

describe('parseOpenCellIdCsv', () => {
  const header =
    'radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal';
  const gsm = 'GSM,460,0,22627,10292,0,120.155070,30.274084,1000,12,1,1459813803,1459813803,0';
  const lte = 'LTE,460,1,4301,123456789,301,120.160000,30.280000,500,40,1,1459813803,1600000000,-90';

  it('reads the rows linli needs, with or without the header and with Windows line ends', () => {
    const expected = [
      {
        radio: 'GSM',
        mcc: 460,
        mnc: 0,
        lac: 22627,
        cid: 10292,
        lon: 120.15507,
        lat: 30.274084,
        rangeM: 1000,
        samples: 12,
      },
      expect.objectContaining({ radio: 'LTE', mnc: 1, lac: 4301, cid: 123456789, rangeM: 500 }),
    ];
    expect(parseOpenCellIdCsv(`${header}\n${gsm}\n${lte}\n`)).toEqual({ rows: expected, errors: [] });
    expect(parseOpenCellIdCsv(`\uFEFF${gsm}\r\n\r\n${lte}`)).toEqual({ rows: expected, errors: [] });
  });

  it('reports bad rows by line and still loads the good ones', () => {
    const text = [
      header,
      gsm,
      'GSM,460,0,22627,10292,0,120.1,30.2,1000',
      'WIMAX,460,0,1,2,0,120.1,30.2,1000,1,1,0,0,0',
      'GSM,460,0,22627,10293,0,120.1,95.5,1000,1,1,0,0,0',
      'UMTS,460,0,22627,abc,0,120.1,30.2,1000,1,1,0,0,0',
      'GSM,,0,22627,1,0,120.1,30.2,1000,1,1,0,0,0',
      'LTE,460,0,22627,1,0,120.1,30.2,-5,1,1,0,0,0',
      'GSM,460,0,22627,1,0,1e2,30.2,1000,1,1,0,0,0',
      lte,
    ].join('\n');
    const { rows, errors } = parseOpenCellIdCsv(text);
    expect(rows.map((r) => r.cid)).toEqual([10292, 123456789]);
    expect(errors).toEqual([
      { line: 3, field: '(row)', reason: 'expected 14 fields, found 9' },
      { line: 4, field: 'radio', reason: 'must be one of GSM, UMTS, CDMA, LTE, NR, got "WIMAX"' },
      { line: 5, field: 'lat', reason: '95.5 is outside -90..90' },
      { line: 6, field: 'cell', reason: 'must be a whole number, got "abc"' },
      { line: 7, field: 'mcc', reason: 'must be a whole number, got ""' },
      { line: 8, field: 'range', reason: '-5 is outside 0..9007199254740991' },
      { line: 9, field: 'lon', reason: 'must be a number, got "1e2"' },
    ]);
  });

  it('treats a header that is not on the first line as a bad row', () => {
    expect(parseOpenCellIdCsv(`${gsm}\n${header}`).errors).toEqual([
      { line: 2, field: 'radio', reason: 'must be one of GSM, UMTS, CDMA, LTE, NR, got "RADIO"' },
    ]);
  });

  it('reads an empty file as no rows', () => {
    expect(parseOpenCellIdCsv('')).toEqual({ rows: [], errors: [] });
  });
});

describe('parseWifiTableCsv', () => {
  it.each([
    [
      'plain fields',
      'mac,lat,lon,range\nA4-56-02-1B-7C-E0,30.274084,120.155070,40\na456021b7ce1,30.2741,120.1551,25\n',
    ],
    [
      'quoted fields and mixed line ends, as spreadsheets write them',
      'mac,lat,lon,range\r\n"A4-56-02-1B-7C-E0", "30.274084" ,120.155070,40\n"a456021b7ce1",30.2741,120.1551,"25"\r\n',
    ],
  ])('reads access points from %s and normalises their MAC addresses', (_case, text) => {
    expect(parseWifiTableCsv(text)).toEqual({
      rows: [
        { mac: 'a4:56:02:1b:7c:e0', lat: 30.274084, lon: 120.15507, rangeM: 40 },
        { mac: 'a4:56:02:1b:7c:e1', lat: 30.2741, lon: 120.1551, rangeM: 25 },
      ],
      errors: [],
    });
  });

  it.each([
    ['a4:56:02:1b:7c,30.27,120.15,40', 'mac', 'must be six hex bytes, got "a4:56:02:1b:7c"'],
    ['a4:56:02:1b:7c:e0,30.27,120.15,0', 'range', '0 is outside 1..9007199254740991'],
    ['a4:56:02:1b:7c:e0,30.27,120.15,', 'range', 'must be a whole number, got ""'],
    ['a4:56:02:1b:7c:e0,north,120.15,40', 'lat', 'must be a number, got "north"'],
    ['a4:56:02:1b:7c:e0,30.27,120.15', '(row)', 'expected 4 fields, found 3'],
    ['a4:56:02:1b:7c:e0,"30.27,120.15",40', '(row)', 'expected 4 fields, found 3'],
  ])('rejects %s', (row, field, reason) => {
    expect(parseWifiTableCsv(`a4:56:02:1b:7c:ff,30.27,120.15,40\n${row}`)).toEqual({
      rows: [expect.objectContaining({ mac: 'a4:56:02:1b:7c:ff' })],
      errors: [{ line: 2, field, reason }],
    });
  });

  it('reads a doubled quote inside a quoted field as one quote', () => {
    expect(parseWifiTableCsv('"a4:56:02:1b:7c:e0""",30.27,120.15,40').errors).toEqual([
      { line: 1, field: 'mac', reason: 'must be six hex bytes, got "a4:56:02:1b:7c:e0""' },
    ]);
  });

  it('reports a row that is not valid CSV by its line and still loads the rows around it', () => {
    const { rows, errors } = parseWifiTableCsv(
      'a4:56:02:1b:7c:e0,30.27,120.15,40\na4:56:02:1b:7c:e1,30"27,120.15,40\na4:56:02:1b:7c:e2,30.27,120.15,40',
    );
    expect(rows.map((r) => r.mac)).toEqual(['a4:56:02:1b:7c:e0', 'a4:56:02:1b:7c:e2']);
    expect(errors).toEqual([
      { line: 2, field: '(row)', reason: expect.stringContaining('Invalid Opening Quote') },
    ]);
  });

  it('reports a quote left open, which leaves the rest of the file in one field', () => {
    const { rows, errors } = parseWifiTableCsv(
      'a4:56:02:1b:7c:e0,30.27,120.15,40\n"a4:56:02:1b:7c:e1,30.27,120.15,40\na4:56:02:1b:7c:e2,30.27,120.15,40',
    );
    expect(rows.map((r) => r.mac)).toEqual(['a4:56:02:1b:7c:e0']);
    expect(errors).toEqual([
      { line: 3, field: '(row)', reason: expect.stringContaining('Quote Not Closed') },
    ]);
  });
});

describe('normaliseMac', () => {
  it.each([
    ['A4:56:02:1B:7C:E0', 'a4:56:02:1b:7c:e0'],
    ['a4-56-02-1b-7c-e0', 'a4:56:02:1b:7c:e0'],
    [' a456021b7ce0 ', 'a4:56:02:1b:7c:e0'],
    ['a4:56:02:1b:7c:g0', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(normaliseMac(text)).toBe(expected);
  });
});
