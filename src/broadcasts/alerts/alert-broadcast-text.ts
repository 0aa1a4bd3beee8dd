import type { Alert, AlertInfo } from './alert';

/** The Mandarin text of an alert to broadcast, and whether it is a drill. */
export interface AlertBroadcastText {
  /** headline, description, instruction: each once, as sentences. Without the drill prefix. */
  text: string;
  /**
   * Exercise alerts are drills: broadcast them with `drill: true`, which puts "演练：" before the
   * text (as campaigns do), so nobody takes an exercise for the real thing.
   */
  drill: boolean;
}

/** The info in Chinese if there is one (zh, zh-CN, zh-Hans …), else the first. */
export function chineseInfo(alert: Pick<Alert, 'infos'>): AlertInfo | undefined {
  return alert.infos.find((info) => /^(zh|cmn)/i.test(info.language)) ?? alert.infos[0];
}

/**
 * What the speakers say: headline, description and instruction, tidied for a listener. Parts
 * repeated inside another (feeds copy the headline into the description) are said once; the
 * "[Ⅳ级/一般]" level tags of Chinese headlines are dropped, the colour already says it.
 */
export function alertBroadcastText(alert: Pick<Alert, 'infos' | 'status'>): AlertBroadcastText {
  const info = chineseInfo(alert);
  const parts = info
    ? [info.headline, info.description, info.instruction].map(tidy).filter((p) => p !== '')
    : [];
  const kept = parts.filter(
    (part, i) => !parts.some((other, j) => j !== i && other.includes(part) && (other !== part || j < i)),
  );
  return { text: kept.map(asSentence).join(''), drill: alert.status === 'exercise' };
}

/** "[IV级/一般]", "【Ⅱ级/严重】": the level tag feeds append to headlines. */
const LEVEL_TAG = /[[［【]\s*(?:[IV]+|[ⅠⅡⅢⅣ]|[1-4一二三四])\s*级\s*[/／]\s*[^\]］】]{1,4}[\]］】]/g;

function tidy(text: string): string {
  return text
    .replace(LEVEL_TAG, '')
    .replace(/\s+/g, (space, at: number, whole: string) =>
      isLatin(whole[at - 1]) && isLatin(whole[at + space.length]) ? ' ' : '',
    )
    .trim();
}

function isLatin(character: string | undefined): boolean {
  return character !== undefined && /[A-Za-z0-9]/.test(character);
}

function asSentence(text: string): string {
  if (/[。！？!?]$/.test(text)) return text;
  return `${text.replace(/[，,；;：:、.]+$/, '')}。`;
}
