import path from 'node:path';
import type { Codec } from './types';

/**
 * linli's media folder (MEDIA_DIR). Sounds are known by their name in it (relative, no extension), which a
 * telephony driver turns into what its engine plays (a path inside Asterisk's bind mount, a URL).
 */
export class MediaFolder {
  constructor(readonly root: string) {}

  /** A folder inside the media folder, as linli sees it. */
  folder(relative: string): string {
    return path.join(this.root, relative);
  }

  /**
   * A sound file named `name` (no extension): the path carries the codec's extension because engines pick
   * the format by extension, while the name stays the same for every codec.
   */
  soundFile(name: string, codec: Codec): { path: string; name: string } {
    return { path: path.join(this.root, `${name}.${codec}`), name };
  }
}
