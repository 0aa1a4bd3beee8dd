import { readCardinal, readDecimal } from './chinese-numbers';

/**
 * Measure words and large units after which a lone 2 is 两: 两个, 两人, 两天, 两点, 两万. Left out on purpose,
 * because a number before them is an ordinal: 号, 月, 日, 楼, 层, 组 (村民小组), 栋, 单元, 期, 级.
 */
const MEASURE_WORDS =
  '个 人 位 名 户 家 次 回 遍 天 周 年 小时 分钟 分 秒 点 岁 元 块 角 毛 斤 公斤 千克 吨 米 公里 里 亩 间 套 台 辆 部 件 张 条 本 份 袋 箱 瓶 包 只 头 匹 棵 株 根 批 趟 种 项 起 处 座 所 支 把 样 道 场 班 节 倍 成 百 千 万 亿'.split(
    ' ',
  );

const THOUSANDS = /(?<![\d,])(\d{1,3}(?:,\d{3})+)(?!,?\d)/g;
const RANGE_DASH = /(?<=[\d%日号点分秒])\s*[-~～–—]\s*(?=-?\d)/g;
/** The minus of a temperature, also the first of a range: -5℃, -5至3℃. */
const BELOW_ZERO = /(?<![\dA-Za-z])-(?=\d[\d.]*\s*(?:至-?\d[\d.]*\s*)?(?:℃|°C))/g;
const CELSIUS = /\s*(?:℃|°C)/g;
const NEGATIVE = /(?<![\dA-Za-z])-(?=\d)/g;
const YUAN_SIGN = /[¥￥]\s*(\d+(?:\.\d+)?)/g;
const YUAN_WITH_CENTS = /(?<![\d.])(\d+)\.(\d{1,2})元/g;
const PERCENT = /(\d+(?:\.\d+)?)\s*([%‰])/g;
const DECIMAL = /(?<![\d.])(\d+)\.(\d+)(?!\d)/g;
const INTEGER = /\d+/g;

function readNumber(value: string): string {
  const [integerPart = '0', fractionPart] = value.split('.');
  return fractionPart === undefined ? readCardinal(integerPart) : readDecimal(integerPart, fractionPart);
}

/** 2,300 → 2300; 3-5天 → 3至5天; 9:00-11:30 → 9:00至11:30 (run before clock times are read). */
export function readSeparators(text: string): string {
  return text.replace(THOUSANDS, (m: string) => m.replace(/,/g, '')).replace(RANGE_DASH, '至');
}

/** Money as it is said, not as it is written: 12.50元 → 十二元五角, 0.05元 → 五分, 3.00元 → 三元. */
function readYuan(yuan: string, cents: string): string {
  const [jiao = '0', fen = '0'] = cents;
  let spoken = Number(yuan) > 0 ? `${readCardinal(yuan, true)}元` : '';
  if (jiao !== '0') spoken += `${readCardinal(jiao, true)}角`;
  if (fen !== '0') spoken += `${jiao === '0' && spoken !== '' ? '零' : ''}${readCardinal(fen, true)}分`;
  return spoken === '' ? '零元' : spoken;
}

/** -5℃ → 零下5摄氏度; -3 → 负3; ¥2300 → 2300元; 12.50元 → 十二元五角; 12.5% → 百分之十二点五; 5‰ → 千分之五. */
export function readSignsAndUnits(text: string): string {
  return text
    .replace(BELOW_ZERO, '零下')
    .replace(CELSIUS, '摄氏度')
    .replace(NEGATIVE, '负')
    .replace(YUAN_SIGN, '$1元')
    .replace(YUAN_WITH_CENTS, (_m, yuan: string, cents: string) => readYuan(yuan, cents))
    .replace(
      PERCENT,
      (_m, value: string, sign: string) => `${sign === '%' ? '百分之' : '千分之'}${readNumber(value)}`,
    );
}

/** 3.5 → 三点五; 2300 → 两千三百; 2个 → 两个; 第2次 → 第二次. Runs last: every digit left is a quantity. */
export function readQuantities(text: string): string {
  return text
    .replace(DECIMAL, (_m, integerPart: string, fractionPart: string) =>
      readDecimal(integerPart, fractionPart),
    )
    .replace(INTEGER, (digits: string, offset: number, whole: string) => {
      const after = whole.slice(offset + digits.length);
      const ordinal = whole[offset - 1] === '第';
      const measured = !after.startsWith('年级') && MEASURE_WORDS.some((word) => after.startsWith(word));
      return readCardinal(digits, measured && !ordinal);
    });
}
