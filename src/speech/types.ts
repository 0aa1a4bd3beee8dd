/** G.711 companding: A-law is what Chinese trunks carry, μ-law is offered for North American gear. */
export type Codec = 'alaw' | 'ulaw';

export interface TtsRequest {
  text: string;
  /** A voice name of the provider that renders; omitted means the provider's configured default. */
  voice?: string;
  codec: Codec;
}

/** A sound file in linli's media folder: 8 kHz mono raw G.711, the format Asterisk plays without transcoding. */
export interface RenderedAudio {
  /** Where linli finds the file, extension included, e.g. audio/cache/ab12….alaw */
  path: string;
  /** Its name in the media folder, without extension, e.g. cache/ab12… */
  name: string;
  codec: Codec;
  durationMs: number;
  /** Which engine rendered it (espeak-ng or google), for logs and for noticing a fail-over. */
  provider: string;
}

export interface TtsProvider {
  synthesize(request: TtsRequest): Promise<RenderedAudio>;
}

export interface RenderInput {
  text: string;
  voice: string;
  codec: Codec;
}

/** One speech engine: writes raw 8 kHz mono G.711 of `input` to `outPath`. Caching and naming happen around it. */
export interface SpeechRenderer {
  /** Part of the cache key, so that two engines never share a file. */
  readonly name: string;
  readonly defaultVoice: string;
  render(input: RenderInput, outPath: string): Promise<void>;
}
