/** The AMI connection is down; the action was not sent. Safe to retry once it is back. */
export class AmiNotConnectedError extends Error {
  constructor(readonly server: string) {
    super(`AMI connection to ${server} is down`);
    this.name = 'AmiNotConnectedError';
  }
}

/** Asterisk answered the action with Response: Error. */
export class AmiActionError extends Error {
  constructor(
    readonly server: string,
    readonly action: string,
    readonly reason: string,
  ) {
    super(`${action} on ${server} failed: ${reason}`);
    this.name = 'AmiActionError';
  }
}

/** No response within the timeout, or the connection dropped while waiting: the outcome is unknown. */
export class AmiTimeoutError extends Error {
  constructor(
    readonly server: string,
    readonly action: string,
  ) {
    super(`${action} on ${server}: no response`);
    this.name = 'AmiTimeoutError';
  }
}
