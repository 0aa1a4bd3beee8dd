import { parseArgs } from 'node:util';
import { NotFoundError } from '../../directory/errors';
import { UsageError, type CliCommand } from '../command';
import { outcomeSummary, progressLine, type WatchedProgress } from './campaign-progress-line';

const DEFAULT_API = 'http://127.0.0.1:8080';
const RECONNECT_MS = 2000;
const MAX_RECONNECTS = 30;

interface ServerEvent {
  event: string;
  data: string;
}

/** Splits server-sent events off the front of `buffer`; returns them and what is left. */
export function takeServerEvents(buffer: string): { events: ServerEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events = blocks.flatMap((block) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    return data.length > 0 ? [{ event, data: data.join('\n') }] : [];
  });
  return { events, rest };
}

export const campaignWatchCommand: CliCommand = {
  name: 'campaign watch',
  describe: 'follow a campaign live: progress bar, calls up, ETA (reads the API)',
  usage: '<campaign id> [--api <url>] [--token <token>]   (or LINLI_API_URL, LINLI_API_TOKEN)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { api: { type: 'string' }, token: { type: 'string' } },
    });
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError('give one campaign id');
    const api = (values.api ?? process.env.LINLI_API_URL ?? DEFAULT_API).replace(/\/$/, '');
    const token = values.token ?? process.env.LINLI_API_TOKEN;
    if (!token) throw new UsageError('an API token is needed: --token or LINLI_API_TOKEN');

    const tty = process.stdout.isTTY === true;
    const seen: { last: WatchedProgress | null } = { last: null };
    const show = (progress: WatchedProgress) => {
      const line = progressLine(progress);
      process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      seen.last = progress;
    };
    for (let attempt = 0; attempt <= MAX_RECONNECTS; attempt++) {
      const response = await fetch(`${api}/api/v1/campaigns/${encodeURIComponent(id)}/progress/stream`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      if (response.status === 404) throw new NotFoundError(`no campaign ${id} (or not in your area)`);
      if (!response.ok || !response.body) {
        const body = await response.text();
        throw new Error(`the API answered ${response.status}: ${body.slice(0, 300)}`);
      }
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        const taken = takeServerEvents(buffer + decoder.decode(chunk, { stream: true }));
        buffer = taken.rest;
        for (const event of taken.events) {
          if (event.event === 'progress') show(JSON.parse(event.data) as WatchedProgress);
          if (event.event === 'end') {
            if (tty) process.stdout.write('\n');
            const done = seen.last;
            if (done) process.stdout.write(`${done.status.toLowerCase()}: ${outcomeSummary(done)}\n`);
            return 0;
          }
        }
      }
      // The stream broke off (API restart, proxy timeout): the campaign goes on, so does watching.
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
    process.stderr.write('\nlost the progress stream too often; the campaign itself goes on\n');
    return 1;
  },
};
