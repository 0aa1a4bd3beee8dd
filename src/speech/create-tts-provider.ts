import { ConfigError, type Env } from '../config/env';
import type { Logger } from '../logging';
import { CachedTts } from './cached-tts';
import { CircuitBreaker } from './circuit-breaker';
import { DEFAULT_ESPEAK_VOICE, EspeakRenderer } from './espeak-renderer';
import { FailoverTts } from './failover-tts';
import { DEFAULT_GOOGLE_VOICE, GoogleTtsRenderer, isGoogleVoice } from './google-renderer';
import { GuardedRenderer } from './guarded-renderer';
import { MediaFolder } from './media-folder';
import { NormalisingTts } from './normalising-tts';
import { TtsCacheSweeper } from './tts-cache-sweep';
import type { SpeechRenderer, TtsProvider } from './types';

export type TtsEnv = Pick<
  Env,
  | 'TTS_PROVIDER'
  | 'TTS_VOICE'
  | 'MEDIA_DIR'
  | 'GOOGLE_TTS_TIMEOUT_MS'
  | 'GOOGLE_TTS_API_ENDPOINT'
  | 'TTS_CACHE_MAX_MB'
  | 'TTS_CACHE_MAX_UNUSED_DAYS'
  | 'TTS_CACHE_KEEP_HOURS'
>;

/** Failures in a row after which Google is left alone, and for how long. */
const GOOGLE_FAILURE_THRESHOLD = 3;
const GOOGLE_COOL_DOWN_MS = 60_000;

/** Normalised text, rendered once per distinct request by one engine. */
export function cachedTts(
  renderer: SpeechRenderer,
  media: MediaFolder,
  sweeper?: TtsCacheSweeper,
): TtsProvider {
  return new NormalisingTts(new CachedTts(renderer, media, sweeper));
}

/**
 * Normalised text from the primary engine, or from the fallback when the primary fails or its breaker is open.
 * Each engine has its own cache entries, so audio the primary made earlier is still used during its outage.
 */
export function cachedTtsWithFailover(parts: {
  primary: SpeechRenderer;
  fallback: SpeechRenderer;
  breaker: CircuitBreaker;
  media: MediaFolder;
  logger: Logger;
  sweeper?: TtsCacheSweeper;
}): TtsProvider {
  const primary = new CachedTts(
    new GuardedRenderer(parts.primary, parts.breaker),
    parts.media,
    parts.sweeper,
  );
  const fallback = new CachedTts(parts.fallback, parts.media, parts.sweeper);
  return new NormalisingTts(new FailoverTts(primary, fallback, parts.logger));
}

/** The configured speech output: espeak-ng, or Google Cloud TTS failing over to espeak-ng. */
export function createTtsProvider(env: TtsEnv, logger: Logger): TtsProvider {
  const media = new MediaFolder(env.MEDIA_DIR);
  const log = logger.child({ component: 'tts' });
  const sweeper = new TtsCacheSweeper(
    media.folder('cache'),
    {
      maxBytes: env.TTS_CACHE_MAX_MB * 1024 * 1024,
      maxUnusedMs: env.TTS_CACHE_MAX_UNUSED_DAYS * 86_400_000,
      keepUsedWithinMs: env.TTS_CACHE_KEEP_HOURS * 3_600_000,
    },
    log,
  );

  if (env.TTS_PROVIDER === 'local') {
    if (isGoogleVoice(env.TTS_VOICE)) {
      throw new ConfigError([
        `TTS_VOICE: "${env.TTS_VOICE}" is a Google voice; TTS_PROVIDER=local needs an espeak-ng voice such as ${DEFAULT_ESPEAK_VOICE}`,
      ]);
    }
    return cachedTts(new EspeakRenderer({ voice: env.TTS_VOICE }), media, sweeper);
  }

  // One TTS_VOICE serves both engines: it names the Google voice when it is one, else the espeak-ng voice.
  const googleVoice = isGoogleVoice(env.TTS_VOICE) ? env.TTS_VOICE : DEFAULT_GOOGLE_VOICE;
  const espeakVoice = isGoogleVoice(env.TTS_VOICE) ? DEFAULT_ESPEAK_VOICE : env.TTS_VOICE;
  log.info({ googleVoice, espeakVoice }, 'tts: google with espeak-ng fail-over');
  const breaker = new CircuitBreaker({
    name: 'google-tts',
    failureThreshold: GOOGLE_FAILURE_THRESHOLD,
    coolDownMs: GOOGLE_COOL_DOWN_MS,
    onStateChange: (to) =>
      to === 'open'
        ? log.warn(
            { coolDownMs: GOOGLE_COOL_DOWN_MS },
            'tts: google keeps failing, speaking with espeak-ng for now',
          )
        : log.info({ state: to }, 'tts: google circuit'),
  });
  return cachedTtsWithFailover({
    primary: new GoogleTtsRenderer({
      timeoutMs: env.GOOGLE_TTS_TIMEOUT_MS,
      voice: googleVoice,
      ...(env.GOOGLE_TTS_API_ENDPOINT ? { apiEndpoint: env.GOOGLE_TTS_API_ENDPOINT } : {}),
    }),
    fallback: new EspeakRenderer({ voice: espeakVoice }),
    breaker,
    media,
    logger: log,
    sweeper,
  });
}
