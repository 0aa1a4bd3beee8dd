/** The call is not live on any engine (it ended, or it never existed). */
export class CallNotFound extends Error {
  constructor(readonly callId: string) {
    super(`no live call ${callId}`);
    this.name = 'CallNotFound';
  }
}
