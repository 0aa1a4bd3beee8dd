import type { Call, Prisma } from '../generated/prisma/client';

function isJsonObject(value: Prisma.JsonValue): value is Prisma.JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A call as GET /api/v1/calls/:id shows it. Its events column is JSON to the database: an array of event
 * objects, as CallRecorder appends them; anything else in it is not an event.
 */
export function callView(call: Call) {
  return { ...call, events: Array.isArray(call.events) ? call.events.filter(isJsonObject) : [] };
}
