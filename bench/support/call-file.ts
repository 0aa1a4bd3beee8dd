import { chownSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One household's call as the naive script writes it (extensions_bench.conf explains the variables). */
export interface CallFileCall {
  household: string;
  /** Dialled as is: digits only. */
  number: string;
  callerId: string;
  trunk: string;
  channels: number;
  ringSeconds: number;
  maxRetries: number;
  retrySeconds: number;
  prompt: string;
  ackPrompt: string;
  digitTimeoutSeconds: number;
}

/** The call file: Asterisk dials the Local channel (which keeps the cap), then runs the notify context. */
export function callFileText(call: CallFileCall): string {
  return [
    `Channel: Local/${call.number}@bench-callfile-dial`,
    `CallerID: <${call.callerId}>`,
    `WaitTime: ${call.ringSeconds}`,
    `MaxRetries: ${call.maxRetries}`,
    `RetryTime: ${call.retrySeconds}`,
    'Archive: yes',
    'Context: bench-callfile-notify',
    'Extension: s',
    'Priority: 1',
    `Setvar: BENCH_TRUNK=${call.trunk}`,
    `Setvar: BENCH_CHANNELS=${call.channels}`,
    `Setvar: BENCH_RING_SECONDS=${call.ringSeconds}`,
    `Setvar: BENCH_HOUSEHOLD=${call.household}`,
    `Setvar: BENCH_PROMPT=${call.prompt}`,
    `Setvar: BENCH_ACK_PROMPT=${call.ackPrompt}`,
    `Setvar: BENCH_DIGIT_TIMEOUT=${call.digitTimeoutSeconds}`,
    '',
  ].join('\n');
}

/** The spool's folders inside the chroot: Asterisk's own two, and the bench's staging folder beside them. */
export function spoolDirs(chrootDir: string): { outgoing: string; done: string; staging: string } {
  const spool = join(chrootDir, 'var/spool/asterisk');
  return {
    outgoing: join(spool, 'outgoing'),
    done: join(spool, 'outgoing_done'),
    staging: join(spool, 'bench-staging'),
  };
}

/**
 * Asterisk's outgoing spool inside the chroot, used the way the Asterisk documentation says: a file is
 * written elsewhere on the same file system, owned by the asterisk user, and moved in whole, so the spool
 * never reads half a file. Archived files (Archive: yes) land in outgoing_done with their Status.
 */
export class OutgoingSpool {
  readonly outgoing: string;
  readonly done: string;
  private readonly staging: string;
  private readonly owner: { uid: number; gid: number };

  constructor(chrootDir: string) {
    const dirs = spoolDirs(chrootDir);
    this.outgoing = dirs.outgoing;
    this.done = dirs.done;
    this.staging = dirs.staging;
    mkdirSync(this.staging, { recursive: true });
    this.owner = asteriskUser(chrootDir);
    // Asterisk makes its archive folder at the first archived file; a fresh root has none yet.
    mkdirSync(this.done, { recursive: true });
    chownSync(this.done, this.owner.uid, this.owner.gid);
  }

  drop(name: string, text: string): void {
    this.stage(name, text);
    this.release(name);
  }

  /** Writes the file beside the spool, ready to be released into it. */
  stage(name: string, text: string): void {
    const staged = join(this.staging, name);
    writeFileSync(staged, text);
    chownSync(staged, this.owner.uid, this.owner.gid);
  }

  /** Moves a staged file into the spool, due now. */
  release(name: string): void {
    const staged = join(this.staging, name);
    // The spool dials a file once its modification time has come; a copied clock skew must not delay it.
    const now = new Date();
    utimesSync(staged, now, now);
    renameSync(staged, join(this.outgoing, name));
  }
}

/** The asterisk user as the chroot's own passwd file has it (its ids need not match the host's). */
function asteriskUser(chrootDir: string): { uid: number; gid: number } {
  const line = readFileSync(join(chrootDir, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('asterisk:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no asterisk user in ${chrootDir}/etc/passwd`);
  return { uid: Number(uid), gid: Number(gid) };
}
