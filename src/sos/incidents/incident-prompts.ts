import type { Logger } from '../../logging';
import type { PromptFiles } from '../../speech/prompt-files';
import { speak, type Prompt, type SpokenPrompt } from '../../telephony/prompt';
import { sosEscalationMessage, sosLocationMessage } from '../domain';
import type { IncidentRecord } from './incident-record';
import { spokenSentences } from './spoken-sentences';

/** Played instead of a message TTS could not render: a contact who hears a beep from the SOS number still calls back. */
const FALLBACK_PROMPT: Prompt = [{ kind: 'sound', name: 'beep' }];

/**
 * The incident's messages, each sentence rendered ahead of the call (once per step, side by side) so
 * that a speech failure turns into a beep rather than a call that is never placed.
 */
export class IncidentPrompts {
  private readonly rendered = new Map<string, Promise<unknown>>();

  constructor(
    private readonly record: IncidentRecord,
    private readonly now: number,
    private readonly deps: { prompts: Pick<PromptFiles, 'ready'>; logger: Logger },
  ) {}

  message(elderOnLine: boolean): Promise<Prompt> {
    const { elderName, pressedAt, locationWords } = this.record.state;
    return this.render(sosEscalationMessage({ elderName, pressedAt, locationWords }, elderOnLine, this.now));
  }

  location(): Promise<Prompt> {
    const { elderName, locationWords } = this.record.state;
    return this.render(sosLocationMessage({ elderName, locationWords }));
  }

  private async render(text: string): Promise<Prompt> {
    const sentences = spokenSentences(text).map((sentence) => speak(sentence));
    try {
      await Promise.all(sentences.map((sentence) => this.sentence(sentence)));
      return sentences;
    } catch (error) {
      this.deps.logger.error(
        { incidentId: this.record.id, err: (error as Error).message },
        'SOS message could not be rendered; a beep is played',
      );
      return FALLBACK_PROMPT;
    }
  }

  private sentence(ref: SpokenPrompt): Promise<unknown> {
    let ready = this.rendered.get(ref.text);
    if (!ready) {
      ready = this.deps.prompts.ready(ref);
      // render() reports the failure; a second failing sentence must not become an unhandled rejection.
      ready.catch(() => undefined);
      this.rendered.set(ref.text, ready);
    }
    return ready;
  }
}
