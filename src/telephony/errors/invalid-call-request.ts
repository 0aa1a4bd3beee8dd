/** The request itself is wrong (unknown trunk, undialable number, bad speaker id): retrying cannot help. */
export class InvalidCallRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCallRequest';
  }
}
