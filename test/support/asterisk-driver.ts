import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv } from '../../src/config/env';
import type { AmiServerConfig, TrunkConfig } from '../../src/config/telephony-config';
import { createLogger } from '../../src/logging';
import { createTtsProvider } from '../../src/speech/create-tts-provider';
import { MediaFolder } from '../../src/speech/media-folder';
import { PromptFiles } from '../../src/speech/prompt-files';
import { UploadedAudio } from '../../src/speech/uploaded-audio';
import type { AmiConnectionOptions } from '../../src/telephony/asterisk/ami-connection';
import { AsteriskCallControl } from '../../src/telephony/asterisk/asterisk-call-control';

/** The Asterisk driver alone (no platform), on the local Asterisk, with linli's speech for its prompts. */
export function asteriskDriver(server: AmiServerConfig, trunk: TrunkConfig, ami?: AmiConnectionOptions) {
  const env = loadEnv({
    ...process.env,
    MEDIA_DIR: process.env.MEDIA_DIR ?? mkdtempSync(path.join(tmpdir(), 'linli-media-')),
  });
  const logger = createLogger('warn');
  const tts = createTtsProvider(env, logger);
  const media = new PromptFiles(
    tts,
    new UploadedAudio(new MediaFolder(env.MEDIA_DIR), env.TTS_CODEC),
    env.TTS_CODEC,
  );
  return new AsteriskCallControl({
    servers: [server],
    trunks: [trunk],
    logger,
    media,
    asteriskMediaDir: env.ASTERISK_MEDIA_DIR,
    ami,
  });
}
