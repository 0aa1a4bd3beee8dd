import { z } from 'zod';
import { parseAmiServers, parseTrunks } from './telephony-config';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(1).max(65535);
/** Who may read an operations endpoint: this host only, any valid API token, or anyone. */
const endpointAccess = z.enum(['loopback', 'token', 'public']).default('loopback');

/** Every setting linli reads from the environment; nothing else reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ_LOCAL: z.string().default('Asia/Shanghai'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?|pglite):\/\//,
      'a postgresql:// URL, or pglite://<folder> for the embedded database',
    )
    .default('pglite://.linli/pglite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('linli'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(8080),
  /** Required by processes that place calls (serve, benchmarks); directory commands run without it. */
  AMI_SERVERS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      if (v.trim() === '') return [];
      try {
        return parseAmiServers(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  TRUNKS: z
    .string()
    .default('pstn@local:30:10')
    .transform((v, ctx) => {
      try {
        return parseTrunks(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** A trunk's back-off after carrier congestion or an engine failure: the first delay, doubling up to the longest. */
  TRUNK_BACKOFF_FIRST_MS: z.coerce.number().int().min(100).default(1000),
  TRUNK_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(60_000),
  MEDIA_DIR: z.string().default('audio'),
  ASTERISK_MEDIA_DIR: z.string().default('/media/linli'),
  TTS_PROVIDER: z.enum(['local', 'google']).default('local'),
  TTS_VOICE: z.string().default('cmn-latn-pinyin'),
  TTS_CODEC: z.enum(['alaw', 'ulaw']).default('alaw'),
  GOOGLE_TTS_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** The TTS cache (MEDIA_DIR/cache): its size, how long unused audio stays, how long used audio is safe. */
  TTS_CACHE_MAX_MB: z.coerce.number().int().positive().default(2048),
  TTS_CACHE_MAX_UNUSED_DAYS: z.coerce.number().int().positive().default(90),
  /** Audio used within this many hours is never deleted: longer than any call that may still play it. */
  TTS_CACHE_KEEP_HOURS: z.coerce
    .number()
    .int()
    .min(1, 'at least 1: longer than the longest call')
    .default(24),
  GOOGLE_TTS_API_ENDPOINT: z.string().optional(),
  ASR_PROVIDER: z.enum(['none', 'vosk']).default('none'),
  VOSK_MODEL_PATH: z.string().optional(),
  CARD_GATEWAY_HOST: z.string().default('0.0.0.0'),
  CARD_GATEWAY_PORT: port.default(5013),
  /** Cell towers (OpenCellID CSV) and Wi-Fi access points (mac,lat,lon,range) for card locations without GPS. */
  CELL_TOWERS_CSV: z.string().optional(),
  WIFI_ACCESS_POINTS_CSV: z.string().optional(),
  LINLI_ADMIN_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  METRICS_ENABLED: bool.default(true),
  /** /metrics: what the service's load and errors look like is for operators, not for the village. */
  METRICS_ACCESS: endpointAccess,
  /** /docs and /docs/json: the whole API surface, handy for an attacker too. */
  DOCS_ACCESS: endpointAccess,
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** For processes that place calls: AMI_SERVERS must name at least one Asterisk server. */
export function requireTelephony(env: Env): Env {
  if (env.AMI_SERVERS.length === 0) {
    throw new ConfigError([
      'AMI_SERVERS: required to place calls, e.g. ami://linli:SECRET@127.0.0.1:5038?name=local',
    ]);
  }
  return env;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    const env = parsed.data;
    if (env.ASR_PROVIDER === 'vosk' && !env.VOSK_MODEL_PATH) {
      throw new ConfigError([
        'VOSK_MODEL_PATH: required when ASR_PROVIDER=vosk (path to an unpacked Vosk model)',
      ]);
    }
    const servers = new Set(env.AMI_SERVERS.map((s) => s.name));
    const unknown = servers.size === 0 ? [] : env.TRUNKS.filter((t) => !servers.has(t.server));
    if (unknown.length > 0) {
      throw new ConfigError(
        unknown.map(
          (t) => `TRUNKS: trunk ${t.name} names server "${t.server}", which AMI_SERVERS does not define`,
        ),
      );
    }
    return env;
  }
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}
