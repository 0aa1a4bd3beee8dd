/**
 * The request was sent but its answer was lost (timeout, connection dropped): the call may be ringing.
 * Treat it as a call in progress and wait for its end; never dial it again blindly.
 */
export class OutcomeUnknown extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OutcomeUnknown';
  }
}
