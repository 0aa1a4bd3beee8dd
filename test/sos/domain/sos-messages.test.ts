import { inactivityMessage, sosEscalationMessage, sosLocationMessage } from '../../../src/sos/domain';

const at = (local: string): number => Date.parse(`${local}+08:00`);
const pressedAt = at('2024-05-06T15:20:00');
const now = at('2024-05-06T15:21:00');

describe('sosEscalationMessage', () => {
  it('names the elder, the time and the place, and offers to connect while the elder is on the line', () => {
    expect(
      sosEscalationMessage({ elderName: '王秀英', pressedAt, locationWords: '东巷12号附近' }, true, now),
    ).toBe(
      '紧急求助：王秀英老人于下午三点二十分按下了求助键，位置在东巷12号附近。按1立即接通老人，按2表示无法前往。',
    );
  });

  it('asks whether the contact will go when the elder cannot be connected', () => {
    expect(
      sosEscalationMessage({ elderName: '王秀英', pressedAt, locationWords: '东巷12号附近' }, false, now),
    ).toBe(
      '紧急求助：王秀英老人于下午三点二十分按下了求助键，位置在东巷12号附近。老人目前无法接通。按1表示您将前往，按2表示无法前往。',
    );
  });

  it('says so when the location is unknown', () => {
    expect(
      sosEscalationMessage({ elderName: '李德福', pressedAt, locationWords: null }, true, now),
    ).toContain('按下了求助键，位置暂时无法确定。');
  });

  it('says yesterday for a press before midnight', () => {
    const lateNight = at('2024-05-06T23:58:00');
    expect(
      sosEscalationMessage(
        { elderName: '王秀英', pressedAt: lateNight, locationWords: null },
        true,
        lateNight + 180_000,
      ),
    ).toContain('于昨天晚上十一点五十八分按下了求助键');
  });
});

describe('sosLocationMessage', () => {
  it('tells the responder where to go, twice', () => {
    expect(sosLocationMessage({ elderName: '王秀英', locationWords: '东巷12号东北方向约200米' })).toBe(
      '王秀英老人目前无法接通，请立即前往。位置在东巷12号东北方向约200米。再说一遍，位置在东巷12号东北方向约200米。',
    );
  });
});

describe('inactivityMessage', () => {
  it.each([
    [
      'no_movement',
      '东巷12号附近',
      '请上门查看：王秀英老人自下午三点二十分起一直没有走动，最后位置在东巷12号附近。按1表示您将前往，按2表示无法前往。',
    ],
    [
      'no_heartbeat',
      null,
      '请上门查看：王秀英老人的求助卡自下午三点二十分起失去联系。按1表示您将前往，按2表示无法前往。',
    ],
  ] as const)('%s', (kind, locationWords, text) => {
    expect(inactivityMessage({ elderName: '王秀英', kind, since: pressedAt, locationWords }, now)).toBe(text);
  });
});
