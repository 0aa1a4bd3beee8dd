/** An Asterisk server behind the SIP edge: where the edge sends the calls it admits. */
export interface EdgeTargetConfig {
  /** The server's name, as in AMI_SERVERS. */
  name: string;
  host: string;
  port: number;
}

/** drachtio-server's admin socket: `drachtio://:secret@host:port`. */
export interface DrachtioConfig {
  host: string;
  port: number;
  secret: string;
}

/** `name@host:port`, several separated by commas, e.g. `local@127.0.0.1:5060,second@127.0.0.1:5160`. */
export function parseEdgeTargets(value: string): EdgeTargetConfig[] {
  const targets = value.split(',').map((raw) => {
    const m = /^([A-Za-z0-9_-]+)@([A-Za-z0-9_.-]+):(\d{1,5})$/.exec(raw.trim());
    const port = Number(m?.[3]);
    if (!m || port < 1 || port > 65535)
      throw new Error(`"${raw}" is not name@host:port, e.g. local@127.0.0.1:5060`);
    return { name: m[1] ?? '', host: m[2] ?? '', port };
  });
  const names = targets.map((t) => t.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`server "${dup}" is listed twice`);
  return targets;
}

export function parseDrachtioUrl(value: string): DrachtioConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not a URL like drachtio://:secret@127.0.0.1:9022`);
  }
  if (url.protocol !== 'drachtio:') throw new Error('must start with drachtio://');
  if (!url.password) throw new Error('needs the admin secret: drachtio://:secret@host:port');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 9022,
    secret: decodeURIComponent(url.password),
  };
}

/** Called numbers, comma-separated: digits only (and a leading +). */
export function parseNumberList(value: string): string[] {
  const numbers = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const bad = numbers.find((n) => !/^\+?\d{3,20}$/.test(n));
  if (bad !== undefined) throw new Error(`"${bad}" is not a number (digits only)`);
  return numbers;
}

/** IPv4 or IPv6 addresses, comma-separated. */
export function parseAddressList(value: string): string[] {
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const bad = addresses.find((a) => !/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/.test(a));
  if (bad !== undefined) throw new Error(`"${bad}" is not an IP address`);
  return addresses;
}
