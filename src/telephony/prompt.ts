/** Sounds every engine can play without linli rendering anything. */
export const STANDARD_SOUNDS = ['beep'] as const;
export type StandardSound = (typeof STANDARD_SOUNDS)[number];

/**
 * What a call plays, as linli names it: text to speak, a recording uploaded to linli, or a standard
 * sound. Only a driver turns a reference into a file, a path or a URL.
 */
export type PromptRef =
  | { kind: 'tts'; text: string; voice?: string }
  | { kind: 'audio'; id: string }
  | { kind: 'sound'; name: StandardSound };

/** Several references played one after the other, e.g. a drill notice, a recording, then the menu. */
export type Prompt = readonly PromptRef[];

export type SpokenPrompt = Extract<PromptRef, { kind: 'tts' }>;

export function speak(text: string, voice?: string): SpokenPrompt {
  return voice === undefined ? { kind: 'tts', text } : { kind: 'tts', text, voice };
}

/**
 * A prompt made ready to play: a sound file in linli's media folder (its name relative to the folder,
 * without extension), or a standard sound the engine has itself.
 */
export type ReadyPrompt =
  { kind: 'file'; name: string; durationMs: number } | { kind: 'sound'; name: StandardSound };

/** Makes prompts ready to play (renders text, finds uploads); drivers call it, capabilities never do. */
export interface PromptMedia {
  ready(ref: PromptRef): Promise<ReadyPrompt>;
}
