/**
 * The engine certainly did not place the call (nothing rang): it is safe to try again. Subclasses say
 * whose fault it was, so a caller can back off the right thing.
 */
export class NotDialled extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotDialled';
  }
}
