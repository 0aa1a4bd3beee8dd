import { chineseClockTime, chineseMomentWords } from '../../../src/sos/domain';

const at = (local: string): number => Date.parse(`${local}+08:00`);

describe('chineseClockTime (China Standard Time, whatever the server zone)', () => {
  it.each([
    ['2024-05-06T15:20:00', '下午三点二十分'],
    ['2024-05-06T09:05:00', '上午九点零五分'],
    ['2024-05-06T14:00:00', '下午两点整'],
    ['2024-05-06T12:30:00', '中午十二点三十分'],
    ['2024-05-06T00:15:00', '凌晨零点十五分'],
    ['2024-05-06T04:59:00', '凌晨四点五十九分'],
    ['2024-05-06T07:10:00', '早上七点十分'],
    ['2024-05-06T11:11:00', '上午十一点十一分'],
    ['2024-05-06T18:45:00', '晚上六点四十五分'],
    ['2024-05-06T23:01:00', '晚上十一点零一分'],
  ])('%s → %s', (local, words) => {
    expect(chineseClockTime(at(local))).toBe(words);
  });

  it('ignores seconds rather than rounding them up', () => {
    expect(chineseClockTime(at('2024-05-06T15:20:59'))).toBe('下午三点二十分');
  });
});

describe('chineseMomentWords', () => {
  const now = at('2024-05-06T00:05:00');
  it.each([
    ['2024-05-06T00:01:00', '凌晨零点零一分'],
    ['2024-05-05T23:59:00', '昨天晚上十一点五十九分'],
    ['2024-05-03T08:00:00', '5月3日早上八点整'],
  ])('%s heard at 00:05 → %s', (local, words) => {
    expect(chineseMomentWords(at(local), now)).toBe(words);
  });
});
