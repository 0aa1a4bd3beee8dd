import type { CircuitBreaker } from './circuit-breaker';
import type { RenderInput, SpeechRenderer } from './types';

/**
 * Puts a breaker around a renderer's own work only, below the cache: audio the renderer made earlier is still
 * served from the cache while the breaker is open, so a campaign does not switch voices for files it already has.
 */
export class GuardedRenderer implements SpeechRenderer {
  readonly name: string;
  readonly defaultVoice: string;

  constructor(
    private readonly inner: SpeechRenderer,
    private readonly breaker: CircuitBreaker,
  ) {
    this.name = inner.name;
    this.defaultVoice = inner.defaultVoice;
  }

  render(input: RenderInput, outPath: string): Promise<void> {
    return this.breaker.run(() => this.inner.render(input, outPath));
  }
}
