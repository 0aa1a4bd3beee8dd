import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert, AlertInfo } from '../../../src/broadcasts/alerts/alert';
import { alertBroadcastText, chineseInfo } from '../../../src/broadcasts/alerts/alert-broadcast-text';
import { parseAlertXml } from '../../../src/broadcasts/alerts/parse-alert-xml';

function fixtureAlert(name: string): Alert {
  const result = parseAlertXml(readFileSync(join(__dirname, '../../fixtures/alerts', name), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.alert;
}

const info = (text: Partial<AlertInfo>): AlertInfo => ({
  language: 'zh-CN',
  event: '大风',
  urgency: 'unknown',
  severity: 'minor',
  headline: '',
  description: '',
  instruction: '',
  areas: [],
  ...text,
});

describe('the Mandarin text broadcast for an alert', () => {
  it('speaks the Chinese info: headline, description, instruction, as sentences, without line breaks', () => {
    expect(alertBroadcastText(fixtureAlert('cap-rainstorm-zh.xml'))).toEqual({
      text:
        '杭州市气象台发布暴雨橙色预警。预计今天上午到傍晚，清溪镇桃源村、杏花村一带将出现50毫米以上的强降水，' +
        '局地可达100毫米，并伴有雷电和短时大风。请远离河道和山塘水库，低洼地带人员及时转移；不要在危房内停留。',
      drill: false,
    });
  });

  it('drops the [IV级/一般] tag of a feed headline', () => {
    expect(alertBroadcastText(fixtureAlert('gbt-gale-blue.xml')).text).toMatch(
      /^余杭区气象局发布大风蓝色预警。余杭区气象台/,
    );
  });

  it('marks an Exercise as a drill (the broadcast then starts with 演练：)', () => {
    const { text, drill } = alertBroadcastText(fixtureAlert('gbt-flood-exercise.xml'));
    expect(drill).toBe(true);
    expect(text).toBe(
      '山洪灾害红色预警（演练）。桃源村上游山塘水位快速上涨，可能发生山洪。请沿溪居民立即向村委会广场转移，听从村干部指挥。',
    );
  });

  it('drops level tags in any bracket style but keeps other parentheses', () => {
    const alert = {
      status: 'actual' as const,
      infos: [
        info({ headline: '大风橙色预警【Ⅱ级/严重】', description: '阵风可达10级（局地11级），请注意防范。' }),
      ],
    };
    expect(alertBroadcastText(alert).text).toBe('大风橙色预警。阵风可达10级（局地11级），请注意防范。');
  });

  it('says a part once when the feed repeats it inside another', () => {
    const alert = {
      status: 'actual' as const,
      infos: [
        info({
          headline: '大风蓝色预警',
          description: '区气象台发布大风蓝色预警：阵风7级，请注意防范。',
          instruction: '请注意防范。',
        }),
      ],
    };
    expect(alertBroadcastText(alert).text).toBe('区气象台发布大风蓝色预警：阵风7级，请注意防范。');
  });

  it('prefers the Chinese info whatever its position, and keeps spaces between Latin words', () => {
    const alert = {
      status: 'actual' as const,
      infos: [
        info({ language: 'en-US', headline: 'Gale warning' }),
        info({ language: 'zh', headline: 'PM2.5 超标 ，请 减少外出，' }),
      ],
    };
    expect(chineseInfo(alert)?.language).toBe('zh');
    expect(alertBroadcastText(alert).text).toBe('PM2.5超标，请减少外出。');
    expect(
      alertBroadcastText({ status: 'actual', infos: [info({ language: 'en-US', headline: 'Gale warning' })] })
        .text,
    ).toBe('Gale warning。');
  });
});
