import type { AlertColour, AlertMsgType, AlertSeverity, AlertStatus, AlertUrgency } from './alert';

/**
 * The words alerts use for their coded values, in CAP's English and in what Chinese feeds write
 * (GB/T 35965.1's codes, Chinese words, colour words for severity). Matching ignores case and spaces.
 */
const STATUS: Record<string, AlertStatus> = {
  actual: 'actual',
  实际: 'actual',
  exercise: 'exercise',
  演练: 'exercise',
  演习: 'exercise',
  system: 'system',
  系统: 'system',
  test: 'test',
  测试: 'test',
};

const MSG_TYPE: Record<string, AlertMsgType> = {
  alert: 'alert',
  首次: 'alert',
  发布: 'alert',
  update: 'update',
  更新: 'update',
  变更: 'update',
  cancel: 'cancel',
  解除: 'cancel',
  取消: 'cancel',
};

const URGENCY: Record<string, AlertUrgency> = {
  immediate: 'immediate',
  expected: 'expected',
  future: 'future',
  past: 'past',
  unknown: 'unknown',
};

const CAP_SEVERITY: Record<string, AlertSeverity> = {
  extreme: 'extreme',
  severe: 'severe',
  moderate: 'moderate',
  minor: 'minor',
  unknown: 'unknown',
  未知: 'unknown',
};

const COLOUR: Record<string, AlertColour> = {
  red: 'red',
  红: 'red',
  红色: 'red',
  ⅰ级: 'red',
  i级: 'red',
  '1级': 'red',
  一级: 'red',
  特别严重: 'red',
  orange: 'orange',
  橙: 'orange',
  橙色: 'orange',
  ⅱ级: 'orange',
  ii级: 'orange',
  '2级': 'orange',
  二级: 'orange',
  严重: 'orange',
  yellow: 'yellow',
  黄: 'yellow',
  黄色: 'yellow',
  ⅲ级: 'yellow',
  iii级: 'yellow',
  '3级': 'yellow',
  三级: 'yellow',
  较重: 'yellow',
  blue: 'blue',
  蓝: 'blue',
  蓝色: 'blue',
  ⅳ级: 'blue',
  iv级: 'blue',
  '4级': 'blue',
  四级: 'blue',
  一般: 'blue',
};

/** GB/T 35965.1 maps its four colours onto CAP's four severities, most severe first. */
const COLOUR_SEVERITY: Record<AlertColour, AlertSeverity> = {
  red: 'extreme',
  orange: 'severe',
  yellow: 'moderate',
  blue: 'minor',
};

const key = (word: string) => word.trim().toLowerCase().replace(/\s+/g, '');

export const alertStatus = (word: string): AlertStatus | undefined => STATUS[key(word)];
export const alertMsgType = (word: string): AlertMsgType | undefined => MSG_TYPE[key(word)];
export const alertUrgency = (word: string): AlertUrgency | undefined => URGENCY[key(word)];

/** A severity given as CAP's word or as a colour (Red, 红色, Ⅱ级 …), with the colour when it was one. */
export function alertSeverity(word: string): { severity: AlertSeverity; colour?: AlertColour } | undefined {
  const k = key(word);
  const severity = CAP_SEVERITY[k];
  if (severity) return { severity };
  const colour = COLOUR[k] ?? COLOUR[k.replace(/预警$/, '')];
  return colour ? { severity: COLOUR_SEVERITY[colour], colour } : undefined;
}

/** The colour a Chinese headline names ("…发布大风蓝色预警"), for CAP alerts that carry it only there. */
export function colourInText(text: string): AlertColour | undefined {
  const match = /(红|橙|黄|蓝)色预警/.exec(text);
  return match ? COLOUR[match[1] ?? ''] : undefined;
}

/**
 * An alert's date and time: CAP's `2026-07-01T14:39:01+08:00`, GB/T 35965.1's extended
 * `2026-07-01 14:39:01+08:00` and basic `20260701143901`. Without an offset it is Beijing time.
 */
export function alertTime(text: string): Date | undefined {
  const t = text.trim();
  const basic = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(t);
  const iso = basic
    ? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}+08:00`
    : /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)
      ? withOffset(t.replace(' ', 'T'))
      : undefined;
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function withOffset(iso: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(iso)) return iso;
  const compact = /([+-]\d{2})(\d{2})$/.exec(iso);
  if (compact) return `${iso.slice(0, -5)}${compact[1]}:${compact[2]}`;
  return `${iso}+08:00`;
}
