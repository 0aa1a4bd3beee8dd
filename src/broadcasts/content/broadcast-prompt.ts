import { speak, type Prompt, type PromptRef } from '../../telephony/prompt';
import type { BroadcastContent } from '../domain/broadcast-definition';

/** Heard first in a drill, as in campaigns, so nobody takes an exercise for the real thing. */
const DRILL_PREFIX = '演练：';

/** The text a TTS broadcast is spoken as: the drill notice first, ended as a sentence. */
function spokenBroadcast(text: string, drill: boolean): string {
  const body = text.trim();
  return `${drill ? DRILL_PREFIX : ''}${/[。！？.!?]$/.test(body) ? body : `${body}。`}`;
}

/**
 * What a broadcast plays on every speaker: the chime once, then the message `repeat` times (the drill
 * notice before each play, so someone who walks up mid-way still hears it).
 */
export function broadcastPrompt(broadcast: {
  content: BroadcastContent;
  chime: boolean;
  repeat: number;
  drill: boolean;
}): Prompt {
  const { content, drill } = broadcast;
  const message: PromptRef[] =
    content.kind === 'tts'
      ? [speak(spokenBroadcast(content.text, drill))]
      : [...(drill ? [speak(DRILL_PREFIX)] : []), { kind: 'audio', id: content.audioFileId }];
  const plays = Array.from({ length: broadcast.repeat }, () => message).flat();
  return broadcast.chime ? [{ kind: 'sound', name: 'beep' }, ...plays] : plays;
}
