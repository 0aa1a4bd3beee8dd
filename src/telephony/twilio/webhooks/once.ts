import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CALL_TTL_SECONDS, type TwilioKeys } from '../call-keys';

const PENDING = '\u0000pending';
/** How long a retry waits for the first delivery's answer (Twilio's own timeout is 15 s). */
const WAIT_FOR_FIRST_MS = 10_000;

/**
 * Handles a webhook request once across all processes: Twilio retries a request it got no answer to
 * (or a 5xx), and a retry must neither raise its events again nor take a different turn. The first
 * delivery runs `handle` and keeps its answer; a retry (same URL, same parameters) gets that answer.
 */
export async function handleOnce(
  redis: Redis,
  keys: TwilioKeys,
  request: { url: string; params: Record<string, string> },
  handle: () => Promise<string>,
): Promise<string> {
  const key = keys.handled(requestHash(request.url, request.params));
  const first = await redis.set(key, PENDING, 'EX', CALL_TTL_SECONDS, 'NX');
  if (first !== 'OK') return answerOf(redis, key);
  try {
    const answer = await handle();
    await redis.set(key, answer, 'EX', CALL_TTL_SECONDS);
    return answer;
  } catch (err) {
    // Not handled: Twilio's retry may try again.
    await redis.del(key).catch(() => undefined);
    throw err;
  }
}

async function answerOf(redis: Redis, key: string): Promise<string> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const answer = await redis.get(key);
    if (answer !== PENDING && answer !== null) return answer;
    if (Date.now() > deadline) throw new Error('the first delivery of this webhook is still being handled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function requestHash(url: string, params: Record<string, string>): string {
  const sorted = Object.keys(params)
    .sort()
    .map((name) => [name, params[name]]);
  return createHash('sha256').update(url).update('\n').update(JSON.stringify(sorted)).digest('hex');
}
