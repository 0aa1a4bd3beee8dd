import { ConfigError, loadEnv, requireTelephony } from '../../src/config/env';

const base = { AMI_SERVERS: 'ami://linli:s3cret@127.0.0.1:5038?name=local' };

function problems(env: Record<string, string>): string[] {
  try {
    loadEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('starts with only the Asterisk server given, using documented defaults', () => {
    const env = loadEnv(base);
    expect(env.AMI_SERVERS).toEqual([
      { name: 'local', host: '127.0.0.1', port: 5038, username: 'linli', secret: 's3cret' },
    ]);
    expect(env.TRUNKS).toEqual([{ name: 'pstn', server: 'local', channels: 30, cps: 10, reserved: 1 }]);
    expect(env.TTS_VOICE).toBe('cmn-latn-pinyin');
    expect(env.DATABASE_URL).toMatch(/^pglite:/);
  });

  it('keeps /metrics and /docs on this host unless told otherwise, and names a wrong access setting', () => {
    const env = loadEnv(base);
    expect([env.METRICS_ACCESS, env.DOCS_ACCESS]).toEqual(['loopback', 'loopback']);
    expect(loadEnv({ ...base, METRICS_ACCESS: 'token', DOCS_ACCESS: 'public' })).toMatchObject({
      METRICS_ACCESS: 'token',
      DOCS_ACCESS: 'public',
    });
    expect(problems({ ...base, DOCS_ACCESS: 'open' })).toEqual([expect.stringMatching(/^DOCS_ACCESS: /)]);
  });

  it('bounds the TTS cache by default, and never lets used audio go sooner than an hour', () => {
    expect(loadEnv(base)).toMatchObject({
      TTS_CACHE_MAX_MB: 2048,
      TTS_CACHE_MAX_UNUSED_DAYS: 90,
      TTS_CACHE_KEEP_HOURS: 24,
    });
    expect(problems({ ...base, TTS_CACHE_KEEP_HOURS: '0' })).toEqual([
      expect.stringMatching(/^TTS_CACHE_KEEP_HOURS: at least 1/),
    ]);
  });

  it('lets directory commands run without Asterisk, but not a process that places calls', () => {
    const env = loadEnv({});
    expect(env.AMI_SERVERS).toEqual([]);
    expect(() => requireTelephony(env)).toThrow(/AMI_SERVERS: required to place calls/);
  });

  it.each([
    [{ HTTP_PORT: '99999' }, /^HTTP_PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: .*postgresql:\/\//],
    [{ AMI_SERVERS: 'ami://127.0.0.1' }, /^AMI_SERVERS: .*needs user and secret/],
    [{ TRUNKS: 'pstn:30' }, /^TRUNKS: .*name@server:channels:cps/],
    [{ TRUNKS: 'pstn@local:0:10' }, /^TRUNKS: .*channels must be at least 1/],
    [{ TRUNKS: 'pstn@elsewhere:30:10' }, /^TRUNKS: trunk pstn names server "elsewhere"/],
    [{ ASR_PROVIDER: 'vosk' }, /^VOSK_MODEL_DIR: required/],
    [{ TTS_CODEC: 'mp3' }, /^TTS_CODEC: /],
  ])('rejects %p with a message naming the variable', (extra, message) => {
    expect(problems({ ...base, ...extra })).toEqual([expect.stringMatching(message)]);
  });

  it('reads several Asterisk servers and trunks spread across them', () => {
    const env = loadEnv({
      AMI_SERVERS: 'ami://a:x@10.0.0.1:5038?name=ast1,ami://b:y@10.0.0.2?name=ast2',
      TRUNKS: 'ct1@ast1:30:10,cu1@ast2:60:20',
    });
    expect(env.AMI_SERVERS.map((s) => `${s.name}:${s.port}`)).toEqual(['ast1:5038', 'ast2:5038']);
    expect(env.TRUNKS.map((t) => `${t.name}@${t.server}`)).toEqual(['ct1@ast1', 'cu1@ast2']);
  });
});
