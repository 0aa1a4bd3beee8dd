import { normaliseForSpeech } from './normalise/normalise-for-speech';
import type { RenderedAudio, TtsProvider, TtsRequest } from './types';

/** Rewrites numbers, dates and phone numbers into the words a listener expects before anything is rendered or cached. */
export class NormalisingTts implements TtsProvider {
  constructor(private readonly inner: TtsProvider) {}

  synthesize(request: TtsRequest): Promise<RenderedAudio> {
    const text = normaliseForSpeech(request.text);
    if (text === '') return Promise.reject(new Error('tts: nothing to say (empty text)'));
    return this.inner.synthesize({ ...request, text });
  }
}
