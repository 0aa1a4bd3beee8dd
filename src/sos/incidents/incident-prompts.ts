import type { Logger } from '../../logging';
import { sosEscalationMessage, sosLocationMessage } from '../domain';
import type { IncidentRecord } from './incident-record';
import { spokenSentences } from './spoken-sentences';

/** Played instead of a message TTS could not render: a contact who hears a beep from the SOS number still calls back. */
const FALLBACK_PROMPT = 'beep';

/** The incident's messages, each sentence rendered once per step and only when needed. */
export class IncidentPrompts {
  private readonly rendered = new Map<string, Promise<string>>();

  constructor(
    private readonly record: IncidentRecord,
    private readonly now: number,
    private readonly deps: { renderPrompt(text: string): Promise<string>; logger: Logger },
  ) {}

  message(elderOnLine: boolean): Promise<string> {
    const { elderName, pressedAt, locationWords } = this.record.state;
    return this.render(sosEscalationMessage({ elderName, pressedAt, locationWords }, elderOnLine, this.now));
  }

  location(): Promise<string> {
    const { elderName, locationWords } = this.record.state;
    return this.render(sosLocationMessage({ elderName, locationWords }));
  }

  /** The message as Asterisk plays it: its sentences rendered side by side, joined with &. */
  private async render(text: string): Promise<string> {
    try {
      return (await Promise.all(spokenSentences(text).map((sentence) => this.sentence(sentence)))).join('&');
    } catch (error) {
      this.deps.logger.error(
        { incidentId: this.record.id, err: (error as Error).message },
        'SOS message could not be rendered; a beep is played',
      );
      return FALLBACK_PROMPT;
    }
  }

  private sentence(text: string): Promise<string> {
    let prompt = this.rendered.get(text);
    if (!prompt) {
      prompt = this.deps.renderPrompt(text);
      // render() reports the failure; a second failing sentence must not become an unhandled rejection.
      prompt.catch(() => undefined);
      this.rendered.set(text, prompt);
    }
    return prompt;
  }
}
