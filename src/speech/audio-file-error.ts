/** An uploaded recording that cannot be used (not WAV, unreadable, too short or too long). */
export class AudioFileError extends Error {
  override readonly name = 'AudioFileError';
}
