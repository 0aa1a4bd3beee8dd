import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createLogger } from '../../src/logging';
import { cacheKey } from '../../src/speech/cached-tts';
import { CircuitBreaker } from '../../src/speech/circuit-breaker';
import { cachedTtsWithFailover } from '../../src/speech/create-tts-provider';
import { EspeakRenderer } from '../../src/speech/espeak-renderer';
import { GoogleTtsRenderer, parseApiEndpoint } from '../../src/speech/google-renderer';
import { normaliseForSpeech } from '../../src/speech/normalise/normalise-for-speech';
import { tempMedia } from './temp-media';

/** A throwaway service-account key: the client signs its own token with it and never asks Google for one. */
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const fakeCredentials = {
  client_email: 'linli-test@fake-project.iam.gserviceaccount.com',
  private_key: privateKey,
};

async function closedLocalPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Google TTS with fake credentials against an unreachable endpoint fails over to espeak-ng', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  let google: GoogleTtsRenderer;
  let now: number;
  let breaker: CircuitBreaker;
  const logger = createLogger('silent');

  function tts() {
    return cachedTtsWithFailover({
      primary: google,
      fallback: new EspeakRenderer(),
      breaker,
      media: dir.media,
      logger,
    });
  }

  beforeEach(async () => {
    dir = await tempMedia();
    now = 1_000_000;
    breaker = new CircuitBreaker({
      name: 'google-tts',
      failureThreshold: 3,
      coolDownMs: 60_000,
      now: () => now,
    });
  });
  afterEach(async () => {
    await google.close();
    await dir.remove();
  });

  it('speaks locally within moments when the Google endpoint is a closed local port', async () => {
    google = new GoogleTtsRenderer({
      timeoutMs: 3000,
      apiEndpoint: `127.0.0.1:${await closedLocalPort()}`,
      credentials: fakeCredentials,
    });
    const attempts = jest.spyOn(google, 'render');
    const started = performance.now();
    const audio = await tts().synthesize({ text: '村委会通知：明天上午九点开会。', codec: 'alaw' });

    expect(performance.now() - started).toBeLessThan(1500);
    expect(attempts).toHaveBeenCalledTimes(1);
    expect(audio.provider).toBe('espeak-ng');
    expect(audio.durationMs).toBeGreaterThan(1000);
  });

  it('opens the breaker after 3 failures and leaves Google alone until the cool-down has passed', async () => {
    google = new GoogleTtsRenderer({
      timeoutMs: 3000,
      apiEndpoint: `127.0.0.1:${await closedLocalPort()}`,
      credentials: fakeCredentials,
    });
    const attempts = jest.spyOn(google, 'render');
    const speech = tts();
    const say = (n: number) => speech.synthesize({ text: `第${n}条通知`, codec: 'alaw' });

    for (const n of [1, 2, 3]) expect((await say(n)).provider).toBe('espeak-ng');
    expect(attempts).toHaveBeenCalledTimes(3);
    expect(breaker.state).toBe('open');

    for (const n of [4, 5, 6]) expect((await say(n)).provider).toBe('espeak-ng');
    now += 59_000;
    expect((await say(7)).provider).toBe('espeak-ng');
    expect(attempts).toHaveBeenCalledTimes(3);

    now += 1_000;
    expect((await say(8)).provider).toBe('espeak-ng');
    expect(attempts).toHaveBeenCalledTimes(4);
    expect(breaker.state).toBe('open');
    expect((await say(9)).provider).toBe('espeak-ng');
    expect(attempts).toHaveBeenCalledTimes(4);
  });

  it('gives up on an endpoint that accepts connections but never answers after the timeout, not minutes', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    google = new GoogleTtsRenderer({
      timeoutMs: 500,
      apiEndpoint: `127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
      credentials: fakeCredentials,
    });
    try {
      const started = performance.now();
      const audio = await tts().synthesize({ text: '请注意防火。', codec: 'alaw' });
      const elapsed = performance.now() - started;

      expect(audio.provider).toBe('espeak-ng');
      expect(elapsed).toBeGreaterThanOrEqual(450);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps playing audio Google rendered before the outage (a fake Google file in the cache) while the breaker is open', async () => {
    google = new GoogleTtsRenderer({
      timeoutMs: 3000,
      apiEndpoint: `127.0.0.1:${await closedLocalPort()}`,
      credentials: fakeCredentials,
    });
    const text = normaliseForSpeech('每户补贴2300元');
    const earlier = dir.media.soundFile(
      `cache/${cacheKey('google', { text, voice: google.defaultVoice, codec: 'alaw' })}`,
      'alaw',
    );
    await mkdir(path.dirname(earlier.path), { recursive: true });
    await writeFile(earlier.path, Buffer.alloc(24_000, 0xd5));
    const speech = tts();
    for (const n of [1, 2, 3]) await speech.synthesize({ text: `第${n}条通知`, codec: 'alaw' });
    expect(breaker.state).toBe('open');

    const audio = await speech.synthesize({ text: '每户补贴2300元', codec: 'alaw' });

    expect(audio).toMatchObject({ provider: 'google', path: earlier.path, durationMs: 3000 });
  });
});

describe('parseApiEndpoint', () => {
  it.each([
    ['texttospeech.googleapis.com', { apiEndpoint: 'texttospeech.googleapis.com' }],
    ['127.0.0.1:8443', { apiEndpoint: '127.0.0.1', port: 8443 }],
    ['[::1]:8443', { apiEndpoint: '[::1]', port: 8443 }],
  ])('%s', (endpoint, parsed) => {
    expect(parseApiEndpoint(endpoint)).toEqual(parsed);
  });

  it('rejects what is not host or host:port, naming the setting', () => {
    expect(() => parseApiEndpoint('https://example.com/v1')).toThrow(/GOOGLE_TTS_API_ENDPOINT/);
  });
});
