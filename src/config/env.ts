import { z } from 'zod';
import {
  parseAddressList,
  parseDrachtioUrl,
  parseEdgeTargets,
  parseNumberList,
  type DrachtioConfig,
  type EdgeTargetConfig,
} from './sip-edge-config';
import { isTwilioTrunk, parseAmiServers, parseTrunks } from './telephony-config';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(1).max(65535);
/** A comma-separated list read by `parse`; its error becomes the variable's message. */
const listOf = <T>(parse: (value: string) => T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        return parse(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    });
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
  /**
   * A server's AMI connection down this long: the calls linli had on it are recorded as ended (cause
   * unknown) instead of waiting for a reconnect that may never come (the server is dead).
   */
  AMI_LOST_CALLS_AFTER_MS: z.coerce.number().int().min(1000).default(15_000),
  /** The SIP edge (`--role sip-edge`): drachtio-server's admin socket, drachtio://:secret@host:port. */
  DRACHTIO_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      try {
        return parseDrachtioUrl(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** The Asterisk servers behind the edge, name@host:port (their SIP side). */
  SIP_EDGE_SERVERS: listOf((v) => (v.trim() === '' ? [] : parseEdgeTargets(v)), ''),
  /** Called numbers the edge lets through (linli's services); everything else is refused at the edge. */
  SIP_EDGE_NUMBERS: listOf(parseNumberList, '96500,12345'),
  /** The SOS numbers among them: a carrier's SOS calls are never held back by the rate limit. */
  SIP_EDGE_SOS_NUMBERS: listOf(parseNumberList, '96500'),
  /** The carriers' source addresses: never blocked for calling unknown numbers. */
  SIP_EDGE_CARRIERS: listOf(parseAddressList, ''),
  SIP_EDGE_ROUTING: z.enum(['least-busy', 'round-robin']).default('least-busy'),
  SIP_EDGE_OPTIONS_INTERVAL_MS: z.coerce.number().int().min(200).default(2000),
  SIP_EDGE_DOWN_AFTER_FAILURES: z.coerce.number().int().min(1).default(2),
  SIP_EDGE_UP_AFTER_SUCCESSES: z.coerce.number().int().min(1).default(2),
  /** A server that has not answered an INVITE at all (not even 100 Trying) within this is skipped. */
  SIP_EDGE_ANSWER_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
  SIP_EDGE_SOURCE_CPS: z.coerce.number().positive().default(5),
  SIP_EDGE_SOURCE_BURST: z.coerce.number().int().min(1).default(20),
  /** A source calling more unknown numbers than this within the window is refused for the block time. */
  SIP_EDGE_UNKNOWN_NUMBERS_MAX: z.coerce.number().int().min(1).default(5),
  SIP_EDGE_UNKNOWN_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  SIP_EDGE_BLOCK_MS: z.coerce.number().int().min(1000).default(600_000),
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
  /** Speech recognition: Vosk when VOSK_MODEL_DIR is set (or ASR_PROVIDER=vosk), none otherwise. */
  ASR_PROVIDER: z.enum(['none', 'vosk']).optional(),
  VOSK_MODEL_DIR: z.string().optional(),
  /** libvosk.so, loaded through koffi: a name the loader finds or a path. */
  VOSK_LIBRARY: z.string().default('libvosk.so'),
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
  /** The web dashboard's build (npm run build:web), served under /app/. */
  DASHBOARD_DIR: z.string().default('dist/web'),
  // ---- Twilio trunks (TRUNKS entries name@twilio:channels:cps) ----
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'an account SID: AC and 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** The caller id of every call placed through Twilio: a number of the account, E.164. */
  TWILIO_FROM_NUMBER: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number with +')
    .optional(),
  /** Where Twilio reaches linli's API (webhooks, prompts): the base URL, as Twilio signs it. */
  TWILIO_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, 'an http(s) URL without query')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /** Calls per second the account may start (Twilio's default is 1), shared by all its trunks. */
  TWILIO_CPS: z.coerce.number().positive().default(1),
  /** Twilio's REST API; only tests point it elsewhere (a local fake). */
  TWILIO_API_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'an http(s) URL without path')
    .default('https://api.twilio.com'),
  /** `linli`: prompts rendered by linli's TTS and played from linli; `twilio`: text spoken by Twilio's <Say>. */
  TWILIO_SPEECH: z.enum(['linli', 'twilio']).default('linli'),
  TWILIO_SAY_LANGUAGE: z.string().default('cmn-CN'),
  TWILIO_SAY_VOICE: z.string().optional(),
  // ---- Loudspeaker broadcasts ----
  /** The MQTT broker 4G loudspeakers report to and take commands from. */
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\/\S+$/, 'an mqtt:// or mqtts:// URL')
    .default('mqtt://127.0.0.1:1883'),
  /** Where MQTT speakers download broadcast audio (this process's speaker audio server), without path. */
  BROADCAST_AUDIO_HOST: z.string().default('127.0.0.1'),
  /** 0: any free port (tests). */
  BROADCAST_AUDIO_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  /** The base URL speakers use for it, when they reach linli through another address (a proxy, NAT). */
  BROADCAST_AUDIO_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'an http(s) URL without path')
    .optional(),
  /** Normal broadcasts keep silent in these hours (Asia/Shanghai), HH:MM-HH:MM. */
  BROADCAST_QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('22:00-07:00'),
  /** How often speakers that were offline or busy are tried again while a broadcast is valid. */
  BROADCAST_RETRY_MS: z.coerce.number().int().min(50).default(3000),
  /** A speaker that was sent a broadcast and has not said it started within this is sent it again. */
  BROADCAST_START_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** An MQTT speaker without a heartbeat for this long counts as offline. */
  SPEAKER_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(90_000),
  /** Cases: the working hours (Asia/Shanghai, HH:MM-HH:MM) a routine case's SLA counts. */
  CASE_WORKING_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('08:30-17:30'),
  /** A second call from the same number in the same category within this joins the open case. */
  CASE_MERGE_WINDOW_MINUTES: z.coerce.number().int().min(0).default(30),
  /** Who is called when a deadline breaches, and how many minutes after the breach: role:minutes,... */
  CASE_ESCALATION_LADDER: z
    .string()
    .regex(/^(supervisor|department):\d+(,(supervisor|department):\d+)*$/, 'e.g. supervisor:0,department:30')
    .default('supervisor:0,department:30'),
  /** The trunk escalation and satisfaction calls go out on; default: the first trunk. */
  CASE_CALL_TRUNK: z.string().optional(),
  /** How long after closing the resident is called back for their satisfaction. */
  CASE_SATISFACTION_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** A case call that rings unanswered (busy, no answer) is made this many times in all; engine failures do not count. */
  CASE_CALL_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** How long after an unanswered case call the next attempt rings (a resident's waits out the quiet hours). */
  CASE_CALL_RETRY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** No satisfaction calls in these hours (Asia/Shanghai); they wait until the hours end. */
  CASE_QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('21:00-08:00'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * For processes that place calls: AMI_SERVERS must name at least one Asterisk server, unless every
 * trunk is on Twilio.
 */
export function requireTelephony(env: Env): Env {
  if (env.AMI_SERVERS.length === 0 && !env.TRUNKS.every(isTwilioTrunk)) {
    throw new ConfigError([
      'AMI_SERVERS: required to place calls, e.g. ami://linli:SECRET@127.0.0.1:5038?name=local',
    ]);
  }
  return env;
}

/** What the SIP edge needs, checked: drachtio's socket and at least one Asterisk server behind it. */
export function requireSipEdge(
  env: Env,
): Env & { DRACHTIO_URL: DrachtioConfig; SIP_EDGE_SERVERS: EdgeTargetConfig[] } {
  const problems: string[] = [];
  if (!env.DRACHTIO_URL)
    problems.push('DRACHTIO_URL: required by the SIP edge, e.g. drachtio://:SECRET@127.0.0.1:9022');
  if (env.SIP_EDGE_SERVERS.length === 0)
    problems.push(
      'SIP_EDGE_SERVERS: required by the SIP edge, e.g. local@127.0.0.1:5060,second@127.0.0.1:5160',
    );
  const notServed = env.SIP_EDGE_SOS_NUMBERS.filter((n) => !env.SIP_EDGE_NUMBERS.includes(n));
  if (notServed.length > 0)
    problems.push(`SIP_EDGE_SOS_NUMBERS: ${notServed.join(', ')} not among SIP_EDGE_NUMBERS`);
  const { DRACHTIO_URL } = env;
  if (problems.length > 0 || !DRACHTIO_URL) throw new ConfigError(problems);
  return { ...env, DRACHTIO_URL, SIP_EDGE_SERVERS: env.SIP_EDGE_SERVERS };
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    const env = parsed.data;
    if (env.ASR_PROVIDER === 'vosk' && !env.VOSK_MODEL_DIR) {
      throw new ConfigError([
        'VOSK_MODEL_DIR: required when ASR_PROVIDER=vosk (path to an unpacked Vosk model)',
      ]);
    }
    const servers = new Set(env.AMI_SERVERS.map((s) => s.name));
    const unknown =
      servers.size === 0 ? [] : env.TRUNKS.filter((t) => !isTwilioTrunk(t) && !servers.has(t.server));
    if (unknown.length > 0) {
      throw new ConfigError(
        unknown.map(
          (t) => `TRUNKS: trunk ${t.name} names server "${t.server}", which AMI_SERVERS does not define`,
        ),
      );
    }
    const twilio = missingTwilioSettings(env);
    if (twilio.length > 0) throw new ConfigError(twilio);
    return env;
  }
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

/** A trunk on Twilio needs the account, its number and the URL Twilio calls linli back at. */
function missingTwilioSettings(env: Env): string[] {
  const trunks = env.TRUNKS.filter(isTwilioTrunk).map((t) => t.name);
  if (trunks.length === 0) return [];
  const required = {
    TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN,
    TWILIO_FROM_NUMBER: env.TWILIO_FROM_NUMBER,
    TWILIO_PUBLIC_URL: env.TWILIO_PUBLIC_URL,
  };
  return Object.entries(required)
    .filter(([, value]) => value === undefined)
    .map(([name]) => `${name}: required by the Twilio trunk(s) ${trunks.join(', ')}`);
}
