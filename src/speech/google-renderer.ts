import { TextToSpeechClient } from '@google-cloud/text-to-speech';
import { TELEPHONY_SAMPLE_RATE, writeTelephonyAudio } from './telephony-audio';
import type { RenderInput, SpeechRenderer } from './types';

export const DEFAULT_GOOGLE_VOICE = 'cmn-CN-Standard-A';

/** Google voice names start with their language code: cmn-CN-Wavenet-A, yue-HK-Standard-B. */
const GOOGLE_VOICE = /^([a-z]{2,3}-[A-Z]{2})-\S+$/;

export function isGoogleVoice(voice: string): boolean {
  return GOOGLE_VOICE.test(voice);
}

/** GOOGLE_TTS_API_ENDPOINT as host or host:port ([v6 address]:port); gax wants the port separately. */
export function parseApiEndpoint(endpoint: string): { apiEndpoint: string; port?: number } {
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(endpoint.trim());
  if (!match?.[1]) throw new Error(`GOOGLE_TTS_API_ENDPOINT: "${endpoint}" is not host or host:port`);
  return match[2] ? { apiEndpoint: match[1], port: Number(match[2]) } : { apiEndpoint: match[1] };
}

export interface GoogleTtsOptions {
  /** Bounds the whole request, credential loading included (GOOGLE_TTS_TIMEOUT_MS). */
  timeoutMs: number;
  apiEndpoint?: string;
  voice?: string;
  /** A service account key; without it, Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS). */
  credentials?: { client_email: string; private_key: string };
}

/** Google Cloud Text-to-Speech, asked for 8 kHz G.711 directly so no resampling happens on our side. */
export class GoogleTtsRenderer implements SpeechRenderer {
  readonly name = 'google';
  readonly defaultVoice: string;
  private readonly client: TextToSpeechClient;
  private readonly timeoutMs: number;
  private credentialsLoaded: Promise<unknown> | undefined;

  constructor(options: GoogleTtsOptions) {
    this.defaultVoice = options.voice ?? DEFAULT_GOOGLE_VOICE;
    if (!isGoogleVoice(this.defaultVoice)) {
      throw new Error(
        `TTS_VOICE: "${this.defaultVoice}" is not a Google voice name such as ${DEFAULT_GOOGLE_VOICE}`,
      );
    }
    this.timeoutMs = options.timeoutMs;
    // Without credentials google-auth-library otherwise probes the GCE metadata server, which offline takes
    // minutes to give up. linli runs on premises, never on Google Cloud, so there is nothing to find.
    process.env.METADATA_SERVER_DETECTION = 'none';
    this.client = new TextToSpeechClient({
      ...(options.apiEndpoint ? parseApiEndpoint(options.apiEndpoint) : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async render(input: RenderInput, outPath: string): Promise<void> {
    const wav = await withDeadline(this.fetchAudio(input), this.timeoutMs);
    await writeTelephonyAudio(wav, input.codec, outPath, 15_000);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async fetchAudio(input: RenderInput): Promise<Buffer> {
    await this.loadCredentials();
    const languageCode = GOOGLE_VOICE.exec(input.voice)?.[1];
    if (!languageCode) throw new Error(`google tts: "${input.voice}" is not a Google voice name`);
    const [response] = await this.client.synthesizeSpeech(
      {
        input: { text: input.text },
        voice: { languageCode, name: input.voice },
        audioConfig: {
          audioEncoding: input.codec === 'alaw' ? 'ALAW' : 'MULAW',
          sampleRateHertz: TELEPHONY_SAMPLE_RATE,
        },
      },
      // gax retries UNAVAILABLE for up to 10 minutes by default; the fallback is the better retry here.
      { timeout: this.timeoutMs, retry: null },
    );
    const content = response.audioContent;
    if (!content || content.length === 0) throw new Error('google tts returned no audio');
    return typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content);
  }

  /**
   * gax builds its connection on the first call; when credentials are missing that failure also rejects promises
   * nobody awaits and the process dies of an unhandled rejection (googleapis/google-cloud-node#9085). Loading the
   * credentials first, on a promise we await, turns it into an ordinary failed request.
   */
  private loadCredentials(): Promise<unknown> {
    this.credentialsLoaded ??= this.client.auth.getClient().catch((err: unknown) => {
      this.credentialsLoaded = undefined;
      throw err;
    });
    return this.credentialsLoaded;
  }
}

/** The per-call timeout only starts once gax has its connection; this bounds the credential loading before it too. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`google tts: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
