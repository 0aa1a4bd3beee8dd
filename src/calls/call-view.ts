import type { Call } from '../generated/prisma/client';
import { callEventsJson } from './call-events-json';

/**
 * A call as GET /api/v1/calls/:id shows it, its events upgraded to the current shape (a call placed
 * before an upgrade still shows its history). Throws UnreadableJsonError when the events cannot be read.
 */
export function callView(call: Call) {
  return { ...call, events: callEventsJson.read(call.id, call.events) };
}
