import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

export interface ChannelSamples {
  max: number;
  /** Mean channels up over the samples with at least one channel up. */
  mean: number;
  samples: number;
}

/** AMI_SERVERS' first URL, else the local Asterisk's (scripts/asterisk.sh env). */
function amiUrl(): URL {
  const fromEnv = process.env.AMI_SERVERS?.split(',')[0];
  if (fromEnv) return new URL(fromEnv);
  const line = execFileSync('bash', [join(__dirname, '..', '..', '..', 'scripts', 'asterisk.sh'), 'env'], {
    encoding: 'utf8',
  });
  return new URL(/AMI_SERVERS=(\S+)/.exec(line)?.[1]?.split(',')[0] ?? '');
}

/**
 * Counts a trunk's channels as Asterisk itself reports them (AMI CoreShowChannels) every `everyMs`: the
 * ground truth for channel caps, independent of linli's bookkeeping. Keeps nothing but the counts.
 */
export async function sampleTrunkChannels(trunk: string, everyMs = 100) {
  const url = amiUrl();
  const socket: Socket = connect(Number(url.port), url.hostname);
  socket.setEncoding('utf8');
  let buffer = '';
  let listing: { actionId: string; channels: Set<string>; done: (n: number) => void } | null = null;
  let loggedIn: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (loggedIn = resolve));
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 4);
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1];
      if (field('ActionID') === 'login') loggedIn();
      if (!listing || field('ActionID') !== listing.actionId) continue;
      // A channel whose state changes during the listing can be listed twice: count channels, not rows.
      if (field('Event') === 'CoreShowChannel' && field('Channel')?.startsWith(`PJSIP/${trunk}-`)) {
        listing.channels.add(field('Uniqueid') ?? '');
      }
      if (field('Event') === 'CoreShowChannelsComplete') listing.done(listing.channels.size);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const user = decodeURIComponent(url.username);
  const secret = decodeURIComponent(url.password);
  socket.write(
    `Action: Login\r\nUsername: ${user}\r\nSecret: ${secret}\r\nEvents: off\r\nActionID: login\r\n\r\n`,
  );
  await ready;

  let serial = 0;
  const count = () =>
    new Promise<number>((resolve) => {
      const actionId = `count-${serial++}`;
      listing = { actionId, channels: new Set(), done: resolve };
      socket.write(`Action: CoreShowChannels\r\nActionID: ${actionId}\r\n\r\n`);
    });
  const counts: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      counts.push(await count());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  let stopped: Promise<ChannelSamples> | undefined;
  const stop = async (): Promise<ChannelSamples> => {
    running = false;
    await loop;
    socket.end('Action: Logoff\r\n\r\n');
    socket.destroy();
    const busy = counts.filter((c) => c > 0);
    return {
      max: Math.max(0, ...counts),
      mean: busy.length === 0 ? 0 : busy.reduce((s, c) => s + c, 0) / busy.length,
      samples: counts.length,
    };
  };
  return {
    current: () => counts.at(-1) ?? 0,
    /** Stops sampling (again, harmlessly) and sums up. */
    stop: () => (stopped ??= stop()),
  };
}
