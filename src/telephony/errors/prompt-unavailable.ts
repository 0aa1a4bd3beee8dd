import { NotDialled } from './not-dialled';

/** A prompt could not be made ready (speech engine down, upload gone): the call was not placed. */
export class PromptUnavailable extends NotDialled {
  constructor(reason: string, options?: ErrorOptions) {
    super(`prompt unavailable: ${reason}`, options);
    this.name = 'PromptUnavailable';
  }
}
