import {
  CardFrameDecoder,
  decodeCardMessage,
  describeContentProblem,
  type CardMessage,
  type CardMessageDecodeResult,
} from '../../../src/sos/card-protocol';

/** Decodes one literal frame exactly as it would arrive on the wire. */
function decodeWire(wire: string | Buffer): CardMessageDecodeResult {
  const { frames, skips } = new CardFrameDecoder().push(
    Buffer.isBuffer(wire) ? wire : Buffer.from(wire, 'utf8'),
  );
  expect(skips).toEqual([]);
  expect(frames).toHaveLength(1);
  return decodeCardMessage(frames[0]!);
}

function decodeOk(wire: string): CardMessage {
  const result = decodeWire(wire);
  if (!result.ok) throw new Error(describeContentProblem(result.problem));
  return result.message;
}

describe('heartbeats and INIT', () => {
  it.each([
    ['[3G*3707805539*0002*LK]', { vendor: '3G', deviceId: '3707805539' }, undefined],
    [
      '[3G*3707805539*000C*LK,1204,3,87]',
      { vendor: '3G', deviceId: '3707805539' },
      { steps: 1204, rolls: 3, battery: 87 },
    ],
    [
      '[ZJ*863737078055392*00A1*000A*LK,0,0,100]',
      { vendor: 'ZJ', deviceId: '863737078055392', index: '00A1' },
      { steps: 0, rolls: 0, battery: 100 },
    ],
    [
      '[CS*8800123456*000d*LK,50,0,9,1,2]',
      { vendor: 'CS', deviceId: '8800123456' },
      { steps: 50, rolls: 0, battery: 9 },
    ],
  ])('%s', (wire, header, health) => {
    const message = decodeOk(wire);
    expect(message).toEqual({ kind: 'heartbeat', header, ...(health ? { health } : {}) });
  });

  it('keeps INIT fields as sent', () => {
    expect(decodeOk('[SG*863737078055392*0017*INIT,13800138000,1,V1.3]')).toEqual({
      kind: 'init',
      header: { vendor: 'SG', deviceId: '863737078055392' },
      fields: ['13800138000', '1', 'V1.3'],
    });
  });

  it.each([
    ['[3G*3707805539*0007*LK,12,3]', { steps: 12, rolls: 3 }, []],
    ['[3G*3707805539*000B*LK,12,3,187]', { steps: 12, rolls: 3 }, ['battery']],
    ['[3G*3707805539*000C*LK,x204,3,87]', { rolls: 3, battery: 87 }, ['steps']],
    ['[SG*8800000015*0006*LK,,,]', undefined, []],
    ['[CS*8800123456*0020*LK,1204,0,88,20240322,V2.1,ABC]', { steps: 1204, rolls: 0, battery: 88 }, []],
  ])('keeps the heartbeat %s and leaves out what it cannot read', (wire, health, dropped) => {
    const message = decodeOk(wire);
    expect(message.kind).toBe('heartbeat');
    if (message.kind !== 'heartbeat') return;
    expect(message.health).toEqual(health);
    expect((message.droppedFields ?? []).map((p) => p.field)).toEqual(dropped);
  });
});

describe('position reports', () => {
  const cases: Array<{ name: string; wire: string; expected: Record<string, unknown> }> = [
    {
      name: 'UD with a GPS fix, no cells, no wifi section (Hangzhou)',
      wire: '[3G*3707805539*0057*UD,220324,031502,A,30.274085,N,120.155070,E,0.52,187.3,12.0,9,80,76,4521,2,00000008,0,0]',
      expected: {
        reportedAt: new Date('2024-03-22T03:15:02Z'),
        gpsValid: true,
        latitude: 30.274085,
        longitude: 120.15507,
        speedKmh: 0.52,
        courseDeg: 187.3,
        altitudeM: 12,
        satellites: 9,
        gsmSignal: 80,
        battery: 76,
        steps: 4521,
        rolls: 2,
        connect: 0,
        cells: [],
        wifi: [],
        extraFields: [],
      },
    },
    {
      name: 'UD2 without fix, one cell, zero wifi',
      wire: '[CS*8800123456*0070*UD2,010124,235959,V,0.000000,N,0.000000,E,0.00,0.0,0.0,0,62,55,0,0,00000000,1,1,460,0,22561,104723841,164,0,12.5]',
      expected: {
        reportedAt: new Date('2024-01-01T23:59:59Z'),
        gpsValid: false,
        latitude: 0,
        longitude: 0,
        mcc: 460,
        mnc: 0,
        cells: [{ lac: 22561, cid: 104723841, signal: 164 }],
        wifi: [],
        accuracyM: 12.5,
      },
    },
    {
      name: 'UD_LTE in the southern hemisphere with two wifi, one with an empty SSID',
      wire: '[3G*863737078055392*00B3*UD_LTE,150624,081530,A,33.868820,S,151.209296,E,3.21,92.5,58.1,11,100,64,8800,1,00000010,1,1,505,01,10034,8123401,71,2,Bondi Cafe,a4:2b:b0:11:22:33,-61,,30:45:96:10:14:5d,-80,18.0]',
      expected: {
        latitude: -33.86882,
        longitude: 151.209296,
        mcc: 505,
        mnc: 1,
        cells: [{ lac: 10034, cid: 8123401, signal: 71 }],
        wifi: [
          { ssid: 'Bondi Cafe', mac: 'a4:2b:b0:11:22:33', rssi: -61 },
          { ssid: '', mac: '30:45:96:10:14:5d', rssi: -80 },
        ],
        accuracyM: 18,
      },
    },
    {
      name: 'UD in the western hemisphere, zero cells with empty mcc/mnc placeholders',
      wire: '[SG*9051007430*0056*UD,091123,142233,V,40.712800,N,74.006000,W,1.0,000,35,00,70,90,0,50,00000000,0,1,,,,00]',
      expected: {
        latitude: 40.7128,
        longitude: -74.006,
        connect: 1,
        cells: [],
        wifi: [],
        accuracyM: 0,
        extraFields: [],
      },
    },
    {
      name: 'UD_WCDMA south and west',
      wire: '[3G*2104134718*0096*UD_WCDMA,311222,235900,A,34.603700,S,58.381600,W,22.0,350.2,25.7,17,28,79,0,0,00000000,1,1,722,310,23999,132013696,28,1,Casa,60:45:cb:cb:34:68,-93,8.2]',
      expected: {
        reportedAt: new Date('2022-12-31T23:59:00Z'),
        latitude: -34.6037,
        longitude: -58.3816,
        mcc: 722,
        mnc: 310,
        wifi: [{ ssid: 'Casa', mac: '60:45:cb:cb:34:68', rssi: -93 }],
      },
    },
    {
      name: 'WT with two cells and a Chinese-carrier wifi',
      wire: '[3G*6005412902*00A4*WT,120324,061200,V,31.230416,N,121.473701,E,0.00,0.0,0.0,0,92,82,4262,0,00000000,2,1,460,1,10125,8301,141,10125,13921,122,1,ChinaNet-3kQd,28:c6:8e:be:87:c0,-60,13.8]',
      expected: {
        cells: [
          { lac: 10125, cid: 8301, signal: 141 },
          { lac: 10125, cid: 13921, signal: 122 },
        ],
        wifi: [{ ssid: 'ChinaNet-3kQd', mac: '28:c6:8e:be:87:c0', rssi: -60 }],
        accuracyM: 13.8,
      },
    },
    {
      name: 'UD with a UTF-8 SSID and a card clock that is not set yet',
      wire: buildWire(
        '3G',
        '3707805539',
        'UD,000000,000000,V,0.0,N,0.0,E,0,0,0,0,40,30,0,0,00000000,0,0,460,0,1,村委会WiFi,8c:a6:df:01:02:03,-55,40.0',
      ),
      expected: {
        reportedAt: null,
        mcc: 460,
        mnc: 0,
        wifi: [{ ssid: '村委会WiFi', mac: '8c:a6:df:01:02:03', rssi: -55 }],
        accuracyM: 40,
      },
    },
    {
      name: 'UD with the status word only (no network section)',
      wire: buildWire('3G', '3707805539', 'UD,220324,031502,A,30.1,N,120.2,,0,0,0,4,50,60,0,0,1'),
      expected: { longitude: 120.2, cells: [], wifi: [], extraFields: [] },
    },
  ];

  it.each(cases)('$name', ({ wire, expected }) => {
    const message = decodeOk(wire);
    expect(message.kind).toBe('position');
    if (message.kind !== 'position') return;
    expect(message.report).toMatchObject(expected);
  });

  it('reads the ddmmyy date and hhmmss time as UTC', () => {
    const message = decodeOk(buildWire('3G', '1', 'UD,290224,130405,A,30,N,120,E,0,0,0,4,50,60,0,0,0'));
    expect(message.kind === 'position' && message.report.reportedAt?.toISOString()).toBe(
      '2024-02-29T13:04:05.000Z',
    );
  });
});

describe('alarms', () => {
  it('decodes an SOS alarm with three cells and the SOS flag', () => {
    const message = decodeOk(
      '[3G*3707805539*008B*AL,220324,031610,A,30.274085,N,120.155070,E,0.00,0.0,12.0,9,80,75,4530,2,00010000,3,0,460,0,9336,3981,141,9336,3912,139,9765,4233,134,0,0.0]',
    );
    expect(message.kind).toBe('alarm');
    if (message.kind !== 'alarm') return;
    expect(message.keyword).toBe('AL');
    expect(message.report.status.alarms).toEqual({
      sos: true,
      lowBattery: false,
      leftFence: false,
      enteredFence: false,
      takenOff: false,
      fallDown: false,
      powerOff: false,
    });
    expect(message.report.cells).toHaveLength(3);
    expect(message.report.accuracyM).toBe(0);
  });

  it('decodes a fall alarm from an index-field vendor', () => {
    const message = decodeOk(
      '[ZJ*014111001332708*0075*0064*AL,040418,052156,A,22.536207,N,113.938673,E,0,0,0,5,100,82,1000,50,00200000,1,255,460,0,9340,3663,35]',
    );
    expect(message.header).toEqual({ vendor: 'ZJ', deviceId: '014111001332708', index: '0075' });
    expect(message.kind === 'alarm' && message.report.status.alarms.fallDown).toBe(true);
    expect(message.kind === 'alarm' && message.report.status.alarms.sos).toBe(false);
  });

  it.each([
    ['0001', 'sos'],
    ['0020', 'fallDown'],
    ['00010000', 'sos'],
    ['00200000', 'fallDown'],
  ] as const)('reads the alarm in a status word of %s', (status, alarm) => {
    const message = decodeOk(
      buildWire(
        '3G',
        '1234567890',
        `AL,220324,031610,A,30.274085,N,120.155070,E,0,0,0,9,80,75,0,0,${status},1,0,460,0,9336,3981,141,0,0.0`,
      ),
    );
    expect(message.kind === 'alarm' && message.report.status.alarms[alarm]).toBe(true);
    expect(message.kind === 'alarm' && message.report.status.lowBattery).toBe(false);
  });

  it('treats vendor AL variants as alarms', () => {
    const message = decodeOk(
      buildWire('3G', '1', 'AL_LTE,220324,031610,V,0,N,0,E,0,0,0,0,50,50,0,0,00100000'),
    );
    expect(message.kind).toBe('alarm');
    expect(message.kind === 'alarm' && message.report.status.alarms.takenOff).toBe(true);
  });
});

describe('malformed positions name the field at fault', () => {
  const base = (body: string) => buildWire('3G', '3707805539', body);
  it.each([
    ['UD,220324,031502,A,abc,N,120.1,E,0,0,0,4,50,60,0,0,0', 'latitude', 'decimal'],
    ['UD,220324,031502,A,95.0,N,120.1,E,0,0,0,4,50,60,0,0,0', 'latitude', 'at most 90'],
    ['UD,220324,031502,A,30.0,X,120.1,E,0,0,0,4,50,60,0,0,0', 'latitude hemisphere', 'N|S'],
    ['UD,220324,031502,A,30.0,N,181,E,0,0,0,4,50,60,0,0,0', 'longitude', 'at most 180'],
    ['UD,220324,031502,Q,30.0,N,120,E,0,0,0,4,50,60,0,0,0', 'validity', 'A|V'],
    ['UD,220324,031502,A,30.0,N,120,E,0,0,0,4,50,160,0,0,0', 'battery', 'at most 100'],
    ['UD,220324,031502,A,30.0,N,120,E,0,0,0,4,50,60,0,0,XYZ', 'status', 'hex'],
    ['UD,220324,031502,A,30.0,N,120', 'longitude hemisphere', 'missing'],
  ])('%s', (body, field, reason) => {
    const result = decodeWire(base(body));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.keyword).toBe('UD');
    expect(result.problem.field).toBe(field);
    expect(result.problem.reason).toContain(reason);
    expect(result.content.toString()).toBe(body);
  });
});

describe('an unreadable field after the status word is left out, not the frame', () => {
  const alarm = (network: string) =>
    decodeOk(
      buildWire('SG', '8800000015', `AL,220324,031610,A,30.2,N,120.1,E,0,0,0,9,80,75,0,0,0001,${network}`),
    );

  it.each([
    ['an empty MAC', '1,0,460,0,9336,3981,141,2,home,,-50,cafe,a4:2b:b0:11:22:33,-61,12.0', 'wifi 1 mac'],
    ['a "0" MAC', '1,0,460,0,9336,3981,141,2,home,0,-50,cafe,a4:2b:b0:11:22:33,-61,12.0', 'wifi 1 mac'],
    [
      'an rssi that is not a number',
      '1,0,460,0,9336,3981,141,2,home,a4:2b:b0:11:22:34,?,cafe,a4:2b:b0:11:22:33,-61,12.0',
      'wifi 1 rssi',
    ],
  ])('a Wi-Fi access point with %s', (_, network, field) => {
    const message = alarm(network);
    expect(message.kind).toBe('alarm');
    if (message.kind !== 'alarm') return;
    expect(message.report.status.alarms.sos).toBe(true);
    expect(message.report.cells).toEqual([{ lac: 9336, cid: 3981, signal: 141 }]);
    expect(message.report.wifi).toEqual([{ ssid: 'cafe', mac: 'a4:2b:b0:11:22:33', rssi: -61 }]);
    expect(message.report.accuracyM).toBe(12);
    expect(message.report.droppedFields?.map((p) => p.field)).toEqual([field]);
  });

  it('a cell list shorter than its count', () => {
    const message = alarm('2,0,460,0,1,2,3');
    expect(message.kind === 'alarm' && message.report).toMatchObject({
      status: { alarms: { sos: true } },
      cells: [],
      wifi: [],
      droppedFields: [{ field: 'cell 2 lac', reason: expect.stringContaining('missing') }],
    });
  });

  it('a card clock that is not a date', () => {
    const message = decodeOk(
      buildWire('3G', '3707805539', 'UD,320324,031502,A,30.0,N,120,E,0,0,0,4,50,60,0,0,0'),
    );
    expect(message.kind === 'position' && message.report).toMatchObject({
      reportedAt: null,
      latitude: 30,
      droppedFields: [{ field: 'date', reason: expect.stringContaining('calendar date') }],
    });
  });

  it('reads a MAC written without separators', () => {
    const message = alarm('0,0,1,home,A42BB0112233,-50');
    expect(message.kind === 'alarm' && message.report.wifi).toEqual([
      { ssid: 'home', mac: 'a4:2b:b0:11:22:33', rssi: -50 },
    ]);
  });
});

describe('other messages', () => {
  it('recognises command acknowledgements', () => {
    expect(decodeOk('[3G*3707805539*0002*CR]')).toMatchObject({
      kind: 'command-ack',
      keyword: 'CR',
      fields: [],
    });
    expect(decodeOk('[SG*3707805539*0006*UPLOAD]')).toMatchObject({ kind: 'command-ack', keyword: 'UPLOAD' });
  });

  it('keeps a binary voice frame with ] bytes whole', () => {
    const amr = Buffer.from([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 0x5d, 0x5b, 0x5d, 0x00, 0xff, 0x2c, 0x5d]);
    const content = Buffer.concat([Buffer.from('TK,'), amr]);
    const wire = Buffer.concat([
      Buffer.from(`[CS*8800123456*${hex4(content.length)}*`),
      content,
      Buffer.from(']'),
    ]);
    const result = decodeWire(wire);
    expect(result.ok && result.message).toEqual({
      kind: 'other',
      header: { vendor: 'CS', deviceId: '8800123456' },
      keyword: 'TK',
      content,
    });
  });
});

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function buildWire(vendor: string, id: string, content: string): string {
  return `[${vendor}*${id}*${hex4(Buffer.byteLength(content, 'utf8'))}*${content}]`;
}
