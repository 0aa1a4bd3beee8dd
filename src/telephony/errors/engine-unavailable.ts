import { NotDialled } from './not-dialled';

/** The telephony engine cannot be reached: nothing was sent. Wait for it; the household is not at fault. */
export class EngineUnavailable extends NotDialled {
  constructor(
    readonly engine: string,
    options?: ErrorOptions,
  ) {
    super(`telephony engine ${engine} is unavailable`, options);
    this.name = 'EngineUnavailable';
  }
}
