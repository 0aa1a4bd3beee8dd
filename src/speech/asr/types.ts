export interface Transcript {
  text: string;
  /** 0..1, the recogniser's own estimate; callers decide what is good enough to act on. */
  confidence: number;
}

/** Speech input. DTMF comes first everywhere; this only adds understanding of spoken answers where configured. */
export interface AsrProvider {
  /** null when nothing was recognised (or no recogniser is configured). */
  transcribe(wavPath: string): Promise<Transcript | null>;
}
