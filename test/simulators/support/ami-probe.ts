import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/** One AMI message (event or response) as its header fields. */
export type AmiMessage = Readonly<Record<string, string>>;

/**
 * A bare AMI client for the simulator tests: originates calls and records every event, so a test
 * can wait for what Asterisk reports (DTMF, UserEvents, hangup causes). Not linli's AMI driver.
 */
export class AmiProbe {
  private readonly received: AmiMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private buffer = '';
  private nextActionId = 1;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
  }

  static async connect(): Promise<AmiProbe> {
    const url = new URL(amiUrl());
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const probe = new AmiProbe(socket);
    const login = await probe.action({
      Action: 'Login',
      Username: decodeURIComponent(url.username),
      Secret: decodeURIComponent(url.password),
    });
    if (login.Response !== 'Success') throw new Error(`AMI login failed: ${login.Message}`);
    return probe;
  }

  /** Sends an action and resolves with its response. */
  async action(fields: Readonly<Record<string, string | readonly string[]>>): Promise<AmiMessage> {
    const actionId = `sim-probe-${process.pid}-${this.nextActionId++}`;
    const lines = Object.entries({ ...fields, ActionID: actionId }).flatMap(([key, value]) =>
      (typeof value === 'string' ? [value] : value).map((v) => `${key}: ${v}`),
    );
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    return this.waitFor((m) => m.ActionID === actionId && m.Response !== undefined, 10_000);
  }

  /** Every message received since connecting. */
  messages(): readonly AmiMessage[] {
    return this.received;
  }

  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor(matches: (message: AmiMessage) => boolean, timeoutMs: number): Promise<AmiMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(matches);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching AMI message within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  close(): void {
    this.socket.end('Action: Logoff\r\n\r\n');
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\r\n\r\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 4);
      const message: Record<string, string> = {};
      for (const line of block.split('\r\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0) message[line.slice(0, colon)] = line.slice(colon + 2);
      }
      this.received.push(message);
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** AMI_SERVERS' first URL if set, else the local Asterisk's (scripts/asterisk.sh env). */
function amiUrl(): string {
  const fromEnv = process.env.AMI_SERVERS?.split(',')[0];
  if (fromEnv) return fromEnv;
  const script = join(__dirname, '..', '..', '..', 'scripts', 'asterisk.sh');
  const line = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
  const match = /AMI_SERVERS=(\S+)/.exec(line);
  if (!match?.[1]) throw new Error('scripts/asterisk.sh env printed no AMI_SERVERS');
  return match[1].split(',')[0] ?? '';
}
