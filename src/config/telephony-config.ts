export interface AmiServerConfig {
  name: string;
  host: string;
  port: number;
  username: string;
  secret: string;
}

/** The server name that puts a trunk on the Twilio account instead of an Asterisk server. */
export const TWILIO_SERVER = 'twilio';

export interface TrunkConfig {
  /** PJSIP endpoint name of the trunk on its Asterisk server (any name on Twilio). */
  name: string;
  /** An AMI server's name, or `twilio` for the Twilio account (TWILIO_*). */
  server: string;
  /** Channels the carrier sells: the most simultaneous calls on this trunk, across all campaigns. */
  channels: number;
  /** Call attempts per second the carrier accepts. */
  cps: number;
  /** Channels kept for SOS calls: campaigns and single calls never take them. */
  reserved: number;
  /**
   * Trunks of one group reach the same carrier from different servers: a campaign on one of them goes on
   * through another while its server is down (see `trunkForAttempt`).
   */
  group?: string;
}

/** `ami://user:secret@host:port?name=ast1`, several separated by commas. */
export function parseAmiServers(value: string): AmiServerConfig[] {
  const servers = value.split(',').map((raw) => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw new Error(`"${raw}" is not a URL like ami://user:secret@127.0.0.1:5038?name=local`);
    }
    if (url.protocol !== 'ami:') throw new Error(`"${raw}" must start with ami://`);
    if (!url.username || !url.password)
      throw new Error(`"${url.host}" needs user and secret: ami://user:secret@host`);
    return {
      name: url.searchParams.get('name') ?? url.hostname,
      host: url.hostname,
      port: url.port ? Number(url.port) : 5038,
      username: decodeURIComponent(url.username),
      secret: decodeURIComponent(url.password),
    };
  });
  const names = servers.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`server name "${dup}" is used twice`);
  return servers;
}

/** Whether the trunk's calls go through Twilio rather than an Asterisk server. */
export function isTwilioTrunk(trunk: Pick<TrunkConfig, 'server'>): boolean {
  return trunk.server === TWILIO_SERVER;
}

/**
 * `name@server:channels:cps[:reserved][?group=NAME]`, several separated by commas, e.g. `pstn@local:30:10`
 * or `pstn@local:30:10:2`; `name@twilio:…` puts the trunk on the Twilio account. `reserved` channels are
 * kept for SOS calls: 1 by default (0 on a one-channel trunk). Trunks with the same `group` reach one
 * carrier from several servers, e.g. `cu1@ast1:30:10?group=unicom,cu2@ast2:30:10?group=unicom`.
 */
export function parseTrunks(value: string): TrunkConfig[] {
  const trunks = value.split(',').map((raw) => {
    const m =
      /^([A-Za-z0-9_-]+)@([A-Za-z0-9_.-]+):(\d+):(\d+(?:\.\d+)?)(?::(\d+))?(?:\?group=([A-Za-z0-9_-]+))?$/.exec(
        raw.trim(),
      );
    if (!m) {
      throw new Error(
        `"${raw}" is not name@server:channels:cps[:reserved][?group=NAME], e.g. pstn@local:30:10`,
      );
    }
    const [, name = '', server = '', channelsText = '', cps = '', reservedText, group] = m;
    const channels = Number(channelsText);
    if (channels < 1) throw new Error(`trunk ${name}: channels must be at least 1`);
    if (Number(cps) <= 0) throw new Error(`trunk ${name}: cps must be above 0`);
    const reserved = reservedText === undefined ? Math.min(1, channels - 1) : Number(reservedText);
    if (reserved >= channels)
      throw new Error(`trunk ${name}: reserved channels must be fewer than its ${channels}`);
    return { name, server, channels, cps: Number(cps), reserved, ...(group ? { group } : {}) };
  });
  const names = trunks.map((t) => t.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`trunk "${dup}" is defined twice`);
  return trunks;
}
