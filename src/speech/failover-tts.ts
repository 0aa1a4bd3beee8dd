import type { Logger } from '../logging';
import { CircuitOpenError } from './circuit-breaker';
import type { RenderedAudio, TtsProvider, TtsRequest } from './types';

/**
 * Asks the primary provider and, when it fails for any reason, the fallback: a message must still go out when
 * the cloud is unreachable. Voice names belong to one engine, so the fallback always speaks with its own default.
 */
export class FailoverTts implements TtsProvider {
  constructor(
    private readonly primary: TtsProvider,
    private readonly fallback: TtsProvider,
    private readonly logger: Logger,
  ) {}

  async synthesize(request: TtsRequest): Promise<RenderedAudio> {
    try {
      return await this.primary.synthesize(request);
    } catch (err) {
      if (err instanceof CircuitOpenError) {
        this.logger.debug({ err: err.message }, 'tts: primary provider skipped, using fallback');
      } else {
        this.logger.warn({ err: (err as Error).message }, 'tts: primary provider failed, using fallback');
      }
      return this.fallback.synthesize({ text: request.text, codec: request.codec });
    }
  }
}
