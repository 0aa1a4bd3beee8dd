import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MediaFolder } from '../../src/speech/media-folder';

/** A throwaway MEDIA_DIR, mapped to the default ASTERISK_MEDIA_DIR. */
export async function tempMedia(): Promise<{
  root: string;
  media: MediaFolder;
  files(folder: string): Promise<string[]>;
  remove(): Promise<void>;
}> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'linli-speech-'));
  return {
    root,
    media: new MediaFolder(root),
    files: (folder) => readdir(path.join(root, folder)).catch(() => []),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
