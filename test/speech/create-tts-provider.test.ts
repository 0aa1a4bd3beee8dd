import net from 'node:net';
import { ConfigError } from '../../src/config/env';
import { createLogger } from '../../src/logging';
import { createTtsProvider, type TtsEnv } from '../../src/speech/create-tts-provider';
import { tempMedia } from './temp-media';

async function closedLocalPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createTtsProvider', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  const logger = createLogger('silent');
  let env: TtsEnv;
  beforeEach(async () => {
    dir = await tempMedia();
    env = {
      TTS_PROVIDER: 'local',
      TTS_VOICE: 'cmn-latn-pinyin',
      MEDIA_DIR: dir.root,
      GOOGLE_TTS_TIMEOUT_MS: 3000,
      GOOGLE_TTS_API_ENDPOINT: undefined,
      TTS_CACHE_MAX_MB: 2048,
      TTS_CACHE_MAX_UNUSED_DAYS: 90,
      TTS_CACHE_KEEP_HOURS: 24,
    };
  });
  afterEach(() => dir.remove());

  it('local: renders into MEDIA_DIR/cache, known by its name in the media folder', async () => {
    const audio = await createTtsProvider(env, logger).synthesize({ text: '您好', codec: 'alaw' });

    const name = /\/cache\/([0-9a-f]{64})\.alaw$/.exec(audio.path)?.[1];
    expect(audio.path.startsWith(`${dir.root}/cache/`)).toBe(true);
    expect(audio.name).toBe(`cache/${name}`);
    expect(audio.provider).toBe('espeak-ng');
  });

  it('local: refuses a Google voice name at start-up, naming TTS_VOICE', () => {
    expect(() => createTtsProvider({ ...env, TTS_VOICE: 'cmn-CN-Wavenet-A' }, logger)).toThrow(ConfigError);
    expect(() => createTtsProvider({ ...env, TTS_VOICE: 'cmn-CN-Wavenet-A' }, logger)).toThrow(/TTS_VOICE/);
  });

  it('google without any credentials: speaks with espeak-ng and the process survives the missing credentials', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const tts = createTtsProvider(
        { ...env, TTS_PROVIDER: 'google', GOOGLE_TTS_API_ENDPOINT: `127.0.0.1:${await closedLocalPort()}` },
        logger,
      );
      const started = performance.now();
      const first = await tts.synthesize({ text: '请注意：今晚有大风。', codec: 'alaw' });
      const second = await tts.synthesize({ text: '请关好门窗。', codec: 'alaw' });
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect([first.provider, second.provider]).toEqual(['espeak-ng', 'espeak-ng']);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
