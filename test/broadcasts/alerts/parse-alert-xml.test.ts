import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../../../src/broadcasts/alerts/alert';
import { parseAlertXml } from '../../../src/broadcasts/alerts/parse-alert-xml';
import { MAX_ALERT_XML_CHARS } from '../../../src/broadcasts/alerts/xml-elements';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/alerts', name), 'utf8');

function parsed(name: string): Alert {
  const result = parseAlertXml(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
  return result.alert;
}

function problems(xml: string) {
  const result = parseAlertXml(xml);
  if (result.ok) throw new Error('expected the alert to be refused');
  return result.problems;
}

const minimalCap = (
  inner: string,
  root = 'alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"',
) => `<?xml version="1.0"?>
<${root}>
  <identifier>T-1</identifier><sender>a@example.cn</sender><sent>2026-07-03T08:15:00+08:00</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  ${inner}
</${root.split(' ')[0]}>`;

const info = (area: string, extra = '') => `<info><language>zh-CN</language><event>暴雨</event>
  <urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
  <headline>暴雨预警</headline>${extra}<area><areaDesc>清溪镇</areaDesc>${area}</area></info>`;

describe('CAP 1.2', () => {
  it('reads a Chinese and English rainstorm alert with its polygon, circle and GB/T 2260 geocode', () => {
    const alert = parsed('cap-rainstorm-zh.xml');
    expect(alert).toMatchObject({
      format: 'cap-1.2',
      identifier: 'CN-ZJ-HZ-20260703-0815-001',
      sender: 'warning@hzqx.example.cn',
      sent: new Date('2026-07-03T00:15:00Z'),
      status: 'actual',
      msgType: 'alert',
      references: [],
    });
    expect(alert.infos).toHaveLength(2);
    const [zh] = alert.infos;
    expect(zh).toMatchObject({
      language: 'zh-CN',
      event: '暴雨',
      urgency: 'immediate',
      severity: 'severe',
      colour: 'orange',
      headline: '杭州市气象台发布暴雨橙色预警',
      expires: new Date('2026-07-03T12:00:00Z'),
    });
    expect(zh?.areas[0]).toEqual({
      desc: '清溪镇桃源村、杏花村',
      polygons: [
        [
          [30.3, 119.9],
          [30.3, 120],
          [30.2, 120],
          [30.2, 119.9],
          [30.3, 119.9],
        ],
      ],
      circles: [{ lat: 30.4, lon: 120.1, radiusKm: 2.5 }],
      geocodes: [{ valueName: 'GB/T 2260', value: '330110' }],
      areaCodes: ['330110'],
    });
    expect(alert.infos[1]).toMatchObject({ language: 'en-US', severity: 'severe' });
    expect(alert.infos[1]).not.toHaveProperty('colour');
  });

  it('reads a Cancel with cap: prefixes and its sender,identifier,sent reference', () => {
    const alert = parsed('cap-rainstorm-cancel.xml');
    expect(alert.msgType).toBe('cancel');
    expect(alert.references).toEqual([
      {
        sender: 'warning@hzqx.example.cn',
        identifier: 'CN-ZJ-HZ-20260703-0815-001',
        sent: new Date('2026-07-03T00:15:00Z'),
      },
    ]);
  });

  it('takes several references and a Cancel without any info', () => {
    const alert = parseAlertXml(
      minimalCap(
        '<references>a@x,ID-1,2026-07-03T08:00:00+08:00 a@x,ID-2,2026-07-03T09:00:00+08:00</references>',
      ).replace('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>'),
    );
    expect(alert.ok && alert.alert.references.map((r) => r.identifier)).toEqual(['ID-1', 'ID-2']);
    expect(alert.ok && alert.alert.infos).toEqual([]);
  });

  it('keeps the foreign geocodes but takes only Chinese division codes as area codes', () => {
    const alert = parseAlertXml(
      minimalCap(
        info(
          '<geocode><valueName>SAME</valueName><value>006113</value></geocode><geocode><valueName>行政区划代码</valueName><value>330110</value></geocode>',
        ),
      ),
    );
    expect(alert.ok && alert.alert.infos[0]?.areas[0]?.areaCodes).toEqual(['330110']);
    expect(alert.ok && alert.alert.infos[0]?.areas[0]?.geocodes).toHaveLength(2);
  });

  it('decodes character references and the predefined entities', () => {
    const alert = parseAlertXml(
      minimalCap(info('', '<description>&#x5C71;&#27946; &amp; 泥石流 &lt;注意&gt;</description>')),
    );
    expect(alert.ok && alert.alert.infos[0]?.description).toBe('山洪 & 泥石流 <注意>');
  });

  it('finds the alert inside a wrapper element some feeds add', () => {
    const xml = `<message><header>x</header>${minimalCap(info('')).replace('<?xml version="1.0"?>', '')}</message>`;
    expect(parseAlertXml(xml).ok).toBe(true);
  });
});

describe('GB/T 35965.1-2018 预警信息', () => {
  it('reads a feed-style gale warning: no namespace, sendTime, senderCode, eventType, Blue, bare geocodes', () => {
    const alert = parsed('gbt-gale-blue.xml');
    expect(alert).toMatchObject({
      format: 'gbt-35965.1',
      identifier: '33011041600000_20261203064500_0',
      sender: '杭州市余杭区气象局',
      sent: new Date('2026-12-02T22:45:00Z'),
      status: 'actual',
      msgType: 'alert',
      issuerAreaCode: '330110',
    });
    expect(alert.infos[0]).toMatchObject({
      language: 'zh-CN',
      event: '11B06',
      eventCode: '11B06',
      urgency: 'unknown',
      severity: 'minor',
      colour: 'blue',
      instruction: '',
      expires: new Date('2026-12-03T12:00:00Z'),
    });
    expect(alert.infos[0]?.areas).toEqual([
      {
        desc: '余杭区',
        polygons: [],
        circles: [],
        geocodes: [{ valueName: '', value: '330110000000' }],
        areaCodes: ['330110000000'],
      },
    ]);
  });

  it('reads an Update naming the earlier alert by its identifier alone', () => {
    const alert = parsed('gbt-gale-update.xml');
    expect(alert.msgType).toBe('update');
    expect(alert.references).toEqual([{ identifier: '33011041600000_20261203064500_0' }]);
    expect(alert.infos[0]).toMatchObject({ severity: 'moderate', colour: 'yellow' });
    expect(alert.infos[0]?.areas[0]?.areaCodes).toEqual(['330110001000']);
  });

  it('reads a Cancel with the basic time format and a severity in Chinese', () => {
    const alert = parsed('gbt-gale-cancel.xml');
    expect(alert).toMatchObject({ msgType: 'cancel', sent: new Date('2026-12-03T23:30:00Z') });
    expect(alert.infos[0]).toMatchObject({ severity: 'moderate', colour: 'yellow' });
  });

  it('reads an Exercise with a red colour word, lon,lat pairs (swapped back) and an open ring (closed)', () => {
    const alert = parsed('gbt-flood-exercise.xml');
    expect(alert).toMatchObject({ format: 'gbt-35965.1', status: 'exercise' });
    expect(alert.infos[0]).toMatchObject({
      event: '山洪',
      eventCode: '11A03',
      severity: 'extreme',
      colour: 'red',
    });
    expect(alert.infos[0]?.areas[0]?.polygons[0]).toEqual([
      [30.3, 119.9],
      [30.3, 120],
      [30.2, 120],
      [30.2, 119.9],
      [30.3, 119.9],
    ]);
    expect(alert.infos[0]?.areas[0]?.areaCodes).toEqual(['330110001001']);
  });

  it.each([
    ['橙色', 'severe', 'orange'],
    ['Ⅰ级', 'extreme', 'red'],
    ['蓝色预警', 'minor', 'blue'],
    ['RED', 'extreme', 'red'],
    ['Unknown', 'unknown', undefined],
  ])('takes severity %s as %s', (word, severity, colour) => {
    const result = parseAlertXml(
      minimalCap(info('').replace('<severity>Severe</severity>', `<severity>${word}</severity>`)),
    );
    expect(result.ok && result.alert.infos[0]?.severity).toBe(severity);
    expect(result.ok && result.alert.infos[0]?.colour).toBe(colour);
  });

  it('defaults a missing status to Actual, takes the sent time from the identifier and the area from the issuer', () => {
    const xml = `<alert><identifier>41010041600000_20260705093000_2</identifier><sender>郑州市气象局</sender>
      <msgType>Alert</msgType><info><eventType>11B09</eventType><severity>Orange</severity>
      <headline>郑州市气象台发布高温橙色预警</headline></info></alert>`;
    const result = parseAlertXml(xml);
    expect(result.ok && result.alert).toMatchObject({
      format: 'gbt-35965.1',
      status: 'actual',
      sent: new Date('2026-07-05T01:30:00Z'),
      issuerAreaCode: '410100',
    });
    expect(result.ok && result.alert.infos[0]?.areas).toEqual([
      { desc: '', polygons: [], circles: [], geocodes: [], areaCodes: ['410100'] },
    ]);
  });
});

describe('refused alerts', () => {
  it('refuses XML that is not well-formed, with the line', () => {
    expect(problems(fixture('invalid-not-well-formed.xml'))).toEqual([
      { field: '(xml)', reason: expect.stringMatching(/not well-formed XML at line 8/) },
    ]);
  });

  it('refuses a DTD, so an external entity is never read', () => {
    const found = problems(fixture('invalid-xxe.xml'));
    expect(found).toEqual([{ field: '(xml)', reason: expect.stringMatching(/DTD/) }]);
    expect(JSON.stringify(found)).not.toContain('root:');
  });

  it('refuses an entity expansion bomb before parsing', () => {
    const bomb = `<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><alert>&b;</alert>`;
    expect(problems(bomb)[0]?.reason).toMatch(/DTD/);
  });

  it('names every missing or wrong field with its path', () => {
    expect(problems(fixture('invalid-missing-fields.xml'))).toEqual([
      { field: 'alert.sender', reason: 'missing' },
      { field: 'alert.sent', reason: expect.stringMatching(/"yesterday morning" is not a date/) },
      { field: 'alert.status', reason: expect.stringMatching(/"Real" is not one of Actual/) },
      { field: 'alert.references', reason: 'an Update must name the alert it acts on' },
      {
        field: 'alert.info[0].description',
        reason: expect.stringMatching(/neither a headline nor a description/),
      },
      { field: 'alert.info[0].severity', reason: expect.stringMatching(/"Catastrophic" is not a severity/) },
      { field: 'alert.info[0].area[0].polygon[0]', reason: expect.stringMatching(/not a lat,lon pair/) },
    ]);
  });

  it.each([
    ['an empty document', '', /empty/],
    ['another kind of XML', '<feed><entry/></feed>', /no <alert> element/],
    ['an oversized document', `<alert>${'x'.repeat(MAX_ALERT_XML_CHARS)}</alert>`, /larger than/],
    ['JSON', '{"identifier":"x"}', /not well-formed/],
  ])('refuses %s', (_what, xml, reason) => {
    expect(problems(xml)[0]?.reason).toMatch(reason);
  });

  it('refuses an alert without info, and an area with nothing to locate it', () => {
    expect(problems(minimalCap(''))).toEqual([
      { field: 'alert.info', reason: expect.stringMatching(/missing/) },
    ]);
    const noArea = minimalCap(info('').replace('<areaDesc>清溪镇</areaDesc>', ''));
    expect(problems(noArea)).toEqual([
      { field: 'alert.info[0].area[0].areaDesc', reason: expect.stringMatching(/no description/) },
    ]);
  });

  it('refuses a bad circle and a polygon of two points', () => {
    const found = problems(
      minimalCap(info('<circle>30.4,120.1 far</circle><polygon>30,120 31,121</polygon>')),
    );
    expect(found.map((p) => p.field)).toEqual([
      'alert.info[0].area[0].polygon[0]',
      'alert.info[0].area[0].circle[0]',
    ]);
  });
});
