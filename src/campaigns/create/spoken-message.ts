import type { DtmfMenu } from '../domain';

/** Heard first in a drill, so nobody takes an exercise for the real thing. */
export const DRILL_PREFIX = '演练：';
export const ACK_TEXT = '谢谢，再见。';

/** "确认请按1，不能参加请按2，重听请按9。" from the menu's labels. */
export function menuAnnouncement(menu: DtmfMenu): string {
  return `${menu.options.map((o) => `${o.label}请按${o.digit === '*' ? '星号键' : o.digit}`).join('，')}。`;
}

/** The text a TTS message is spoken as. */
export function spokenMessage(text: string, drill: boolean, menu: DtmfMenu | null): string {
  const body = text.trim();
  const ended = /[。！？.!?]$/.test(body) ? body : `${body}。`;
  return `${drill ? DRILL_PREFIX : ''}${ended}${menu ? menuAnnouncement(menu) : ''}`;
}
