/** Where a live stream stands, as the page says it: connecting, live, lost (retrying) or ended. */
export type StreamStatus = 'connecting' | 'live' | 'lost' | 'ended';

interface StreamHandlers {
  onEvent(event: string, data: unknown): void;
  onStatus(status: StreamStatus): void;
}

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 10_000;

/** Splits a server-sent-event body into events; returns what is left of an unfinished one. */
function takeEvents(buffer: string, emit: (event: string, data: string) => void): string {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0) emit(event, data.join('\n'));
  }
  return rest;
}

/**
 * Reads a linli server-sent-event stream with the token (EventSource cannot send one), and reconnects
 * after a lost connection, waiting longer each time up to ten seconds. `event: end` closes it for good.
 * Returns the function that stops it.
 */
export function openEventStream(token: string, path: string, handlers: StreamHandlers): () => void {
  const abort = new AbortController();
  let retryMs = RETRY_FIRST_MS;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      handlers.onStatus('connecting');
      let ended = false;
      try {
        const response = await fetch(path, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: abort.signal,
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        handlers.onStatus('live');
        retryMs = RETRY_FIRST_MS;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = takeEvents(buffer + value, (event, data) => {
            if (event === 'end') ended = true;
            else handlers.onEvent(event, JSON.parse(data));
          });
        }
      } catch {
        // Lost or refused: said on the page, then tried again below.
      }
      if (abort.signal.aborted) return;
      if (ended) {
        handlers.onStatus('ended');
        return;
      }
      handlers.onStatus('lost');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  };
  void run();
  return () => abort.abort();
}
