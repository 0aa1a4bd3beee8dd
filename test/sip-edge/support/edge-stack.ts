import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const scripts = path.join(__dirname, '../../../scripts');
const SECOND = { ...process.env, LINLI_ASTERISK_INSTANCE: 'second' };

function run(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('bash', [path.join(scripts, script), ...args], { env, encoding: 'utf8' }).trim();
}

/** The second Asterisk (scripts/asterisk.sh, LINLI_ASTERISK_INSTANCE=second): SIP 5160, AMI 5039. */
export const secondAsterisk = {
  sip: { host: '127.0.0.1', port: 5160 },
  /** Its AMI_SERVERS entry. */
  start(): string {
    run('asterisk.sh', ['start'], SECOND);
    return run('asterisk.sh', ['env'], SECOND).replace(/^AMI_SERVERS=/, '');
  },
  /** Kills it the way a crash would: no BYE, no hang-up events, AMI just gone. */
  crash(): void {
    const root = run('asterisk.sh', ['root'], SECOND);
    const pid = Number(readFileSync(path.join(root, 'run/asterisk-second/asterisk.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
  },
  stop(): void {
    run('asterisk.sh', ['stop'], SECOND);
  },
};

/** drachtio-server (scripts/drachtio.sh): started for the test, with a fresh admin secret. */
export const drachtio = {
  sipPort: 5260,
  /** The DRACHTIO_URL of the running server. */
  start(): string {
    run('drachtio.sh', ['start']);
    const url = /^DRACHTIO_URL=(.+)$/m.exec(run('drachtio.sh', ['env']))?.[1];
    if (!url) throw new Error('scripts/drachtio.sh env printed no DRACHTIO_URL');
    return url;
  },
  stop(): void {
    run('drachtio.sh', ['stop']);
  },
};
