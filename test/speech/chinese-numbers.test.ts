import {
  readCardinal,
  readDecimal,
  readIdentifierDigits,
  readYear,
} from '../../src/speech/normalise/chinese-numbers';

describe('readCardinal', () => {
  it.each([
    ['0', '零'],
    ['1', '一'],
    ['2', '二'],
    ['10', '十'],
    ['11', '十一'],
    ['15', '十五'],
    ['20', '二十'],
    ['22', '二十二'],
    ['59', '五十九'],
    ['100', '一百'],
    ['101', '一百零一'],
    ['110', '一百一十'],
    ['115', '一百一十五'],
    ['200', '两百'],
    ['222', '两百二十二'],
    ['1000', '一千'],
    ['1001', '一千零一'],
    ['1010', '一千零一十'],
    ['1200', '一千两百'],
    ['2300', '两千三百'],
    ['2026', '两千零二十六'],
    ['10000', '一万'],
    ['10500', '一万零五百'],
    ['12000', '一万两千'],
    ['20000', '两万'],
    ['100000', '十万'],
    ['120000', '十二万'],
    ['1000000', '一百万'],
    ['10010000', '一千零一万'],
    ['100000000', '一亿'],
    ['200000000', '两亿'],
    ['100010000', '一亿零一万'],
    ['100000001', '一亿零一'],
    ['100020000', '一亿零二万'],
    ['007', '七'],
  ])('%s → %s', (digits, spoken) => {
    expect(readCardinal(digits)).toBe(spoken);
  });

  it('reads a lone 2 as 两 before a measure word, and only then', () => {
    expect(readCardinal('2', true)).toBe('两');
    expect(readCardinal('12', true)).toBe('十二');
    expect(readCardinal('2', false)).toBe('二');
  });

  it('reads numbers beyond 万亿 digit by digit rather than inventing units', () => {
    expect(readCardinal('12345678901234567')).toBe('一二三四五六七八九零一二三四五六七');
  });
});

describe('digit readers', () => {
  it.each([
    ['13800138000', '幺三八零零幺三八零零零'],
    ['110', '幺幺零'],
    ['0571-8888', '零五七幺八八八八'],
  ])('identifier %s → %s', (digits, spoken) => {
    expect(readIdentifierDigits(digits)).toBe(spoken);
  });

  it('writes years with 〇 and a plain 一', () => {
    expect(readYear('2026')).toBe('二〇二六');
    expect(readYear('2010')).toBe('二〇一〇');
  });

  it('reads decimals with plain digits after 点', () => {
    expect(readDecimal('12', '5')).toBe('十二点五');
    expect(readDecimal('0', '05')).toBe('零点零五');
    expect(readDecimal('2', '5')).toBe('二点五');
  });
});
