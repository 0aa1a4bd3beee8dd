/** linli was about to send a speaker something malformed (a bug in the caller, not the device's fault). */
export class InvalidSpeakerMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSpeakerMessage';
  }
}
