import path from 'node:path';
import type { Codec } from './types';

/**
 * linli's media folder as linli sees it (MEDIA_DIR) and as Asterisk sees it (ASTERISK_MEDIA_DIR, a bind
 * mount of the same folder), so one relative name can be written by linli and played by Asterisk.
 */
export class MediaFolder {
  constructor(
    readonly root: string,
    readonly asteriskRoot: string,
  ) {}

  /** A folder inside the media folder, as linli sees it. */
  folder(relative: string): string {
    return path.join(this.root, relative);
  }

  /**
   * A sound file named `relative` (no extension): linli's path carries the codec extension because
   * Asterisk picks the format by extension, while Playback() wants the name without it.
   */
  soundFile(relative: string, codec: Codec): { path: string; asteriskPath: string } {
    return {
      path: path.join(this.root, `${relative}.${codec}`),
      asteriskPath: path.posix.join(this.asteriskRoot, relative),
    };
  }
}
