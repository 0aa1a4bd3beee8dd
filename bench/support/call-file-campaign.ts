import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AmiEventStream } from './ami-events';
import { callFileText, type CallFileCall, type OutgoingSpool } from './call-file';

export interface CallFileRun {
  startedAt: number;
  /** When the last file was archived and the carrier had no call left up. */
  endedAt: number;
  dropped: number;
  /** When each household that pressed 1 did so (BenchDigit, epoch ms). */
  confirmedAt: number[];
  /** Attempts the dialplan turned away at the cap (BenchTrunkFull). */
  turnedAwayAtCap: number;
  /** Archived files by their final Status (Completed: answered; Expired/Failed: out of retries). */
  statuses: Record<string, number>;
  /** The run hit the time limit before every file was archived. */
  cutShort: boolean;
}

export interface CallFileCampaign {
  spool: OutgoingSpool;
  events: AmiEventStream;
  /** One call per household, in the order the script drops them. */
  calls: readonly Omit<CallFileCall, 'household'>[];
  /** Files moved into the spool per second; null: all at once, as `mv *.call outgoing/` does. */
  perSecond: number | null;
  limitMs: number;
  /** No call up at the carrier. */
  carrierIdle(): boolean;
}

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The village IT person's script: one call file per household, moved into the spool all at once (or, by a
 * more careful script, at a fixed rate whatever the trunk is doing), then waiting for Asterisk to work
 * through them, retries included.
 */
export async function runCallFileCampaign(campaign: CallFileCampaign): Promise<CallFileRun> {
  const run = `bench-${process.pid}-${Date.now()}`;
  const confirmed = new Map<string, number>();
  let turnedAwayAtCap = 0;
  campaign.events.onEvent((event, at) => {
    const household = event.Household;
    if (event.Event !== 'UserEvent' || !household?.startsWith(run)) return;
    if (event.UserEvent === 'BenchDigit' && event.Digit === '1' && !confirmed.has(household)) {
      confirmed.set(household, at);
    }
    if (event.UserEvent === 'BenchTrunkFull') turnedAwayAtCap += 1;
  });

  const fileName = (i: number) => `${run}-${i}.call`;
  const text = (call: Omit<CallFileCall, 'household'>, i: number) =>
    callFileText({ ...call, household: `${run}-${i}` });
  const { perSecond } = campaign;
  // Writing the files is the script's preparation, not the campaign: the clock starts at the move.
  if (perSecond === null)
    campaign.calls.forEach((call, i) => campaign.spool.stage(fileName(i), text(call, i)));
  const startedAt = Date.now();
  const deadline = startedAt + campaign.limitMs;
  let dropped = 0;
  if (perSecond === null) {
    for (const i of campaign.calls.keys()) campaign.spool.release(fileName(i));
    dropped = campaign.calls.length;
  } else {
    for (const [i, call] of campaign.calls.entries()) {
      if (Date.now() > deadline) break;
      await sleep(startedAt + (i * 1000) / perSecond - Date.now());
      campaign.spool.drop(fileName(i), text(call, i));
      dropped += 1;
    }
  }

  const archived = () => readdirSync(campaign.spool.done).filter((name) => name.startsWith(run));
  while (Date.now() < deadline && !(archived().length === dropped && campaign.carrierIdle())) {
    await sleep(POLL_MS);
  }
  const endedAt = Date.now();
  const done = archived();
  const statuses: Record<string, number> = {};
  for (const name of done) {
    const status = /^Status: (\w+)/m.exec(readFileSync(join(campaign.spool.done, name), 'utf8'))?.[1];
    statuses[status ?? 'unknown'] = (statuses[status ?? 'unknown'] ?? 0) + 1;
    rmSync(join(campaign.spool.done, name));
  }
  const cutShort = done.length < dropped || dropped < campaign.calls.length;
  if (cutShort) {
    for (const name of readdirSync(campaign.spool.outgoing).filter((n) => n.startsWith(run))) {
      rmSync(join(campaign.spool.outgoing, name), { force: true });
    }
  }
  return {
    startedAt,
    endedAt,
    dropped,
    confirmedAt: [...confirmed.values()],
    turnedAwayAtCap,
    statuses,
    cutShort,
  };
}
