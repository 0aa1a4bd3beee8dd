import { z } from 'zod';
import { exhaustiveEnum, VersionedJson, VersionedJsonList } from '../../db/versioned-json';
import type { ContactRole, IncidentStatus, SosSource, TimelineKind } from '../domain';
import type { CapabilityTimelineKind, StoredIncidentState, StoredTimelineEntry } from './incident-record';

/**
 * How SosIncident.state and SosIncident.timeline are stored, version by version. An incident can be
 * in flight across a deploy, so a change to these shapes is a new version with an upgrade, never an
 * edit of an old one.
 */

const contactRole = exhaustiveEnum<ContactRole>({ family: true, grid_worker: true, cadre: true });
const incidentStatus = exhaustiveEnum<IncidentStatus>({
  escalating: true,
  connected: true,
  responder_en_route: true,
  exhausted: true,
  resolved: true,
});
const sosSource = exhaustiveEnum<SosSource>({ sos_call: true, alarm_frame: true });

const contact = z.object({
  id: z.string(),
  name: z.string(),
  role: contactRole,
  phones: z.array(z.string()),
});
const epochMs = z.number().finite();

const escalationV1 = z.object({
  incidentId: z.string(),
  settings: z.object({
    mode: z.enum(['sequential', 'parallel']),
    rounds: z.number(),
    ringTimeoutMs: epochMs,
    pauseBetweenRoundsMs: epochMs,
  }),
  tiers: z.array(z.array(contact)),
  status: incidentStatus,
  elderOnLine: z.boolean(),
  round: z.number().int(),
  tierIndex: z.number().int(),
  turns: z.array(
    z.object({ contactId: z.string(), nextNumberIndex: z.number().int(), finished: z.boolean() }),
  ),
  calls: z.array(
    z.object({
      callId: z.string(),
      contactId: z.string(),
      number: z.string(),
      phase: z.enum(['dialling', 'ringing', 'answered']),
    }),
  ),
  callsPlaced: z.number().int(),
  wakeAt: epochMs.nullable(),
  responder: z.object({ contactId: z.string(), callId: z.string() }).nullable(),
});

const stateV1 = z.object({
  escalation: escalationV1,
  cardId: z.string().nullable(),
  elderName: z.string(),
  pressedAt: epochMs,
  locationWords: z.string().nullable(),
  sources: z.array(sosSource),
  lastTriggerAt: epochMs,
  placedAt: z.record(z.string(), epochMs),
});

/** Version 2 keeps the elder's call's server; an incident stored before says nothing of it. */
const stateV2 = stateV1.extend({
  elderServer: z.string().nullable(),
}) satisfies z.ZodType<StoredIncidentState>;

export const incidentStateJson: VersionedJson<StoredIncidentState> = VersionedJson.first(
  'SosIncident.state',
  stateV1,
).next(stateV2, (v1) => ({ ...v1, elderServer: null }));

const timelineKind = exhaustiveEnum<TimelineKind | CapabilityTimelineKind>({
  escalation_started: true,
  round_started: true,
  call_placed: true,
  ringing: true,
  answered: true,
  no_answer: true,
  busy: true,
  failed: true,
  timeout: true,
  hung_up: true,
  declined: true,
  accepted: true,
  digit_ignored: true,
  bridged: true,
  location_told: true,
  calls_stopped: true,
  round_paused: true,
  exhausted: true,
  elder_hung_up: true,
  sos_repeated: true,
  responder_hung_up: true,
  resolved: true,
  sos_call: true,
  alarm_frame: true,
  unknown_caller: true,
  duplicate_trigger: true,
  call_failed: true,
  call_waiting: true,
  call_lost: true,
  bridge_entered: true,
  bridge_failed: true,
  location_played: true,
  location_callback: true,
  dispatcher_needed: true,
});

const timelineEntryV1 = z.object({
  at: z.iso.datetime(),
  kind: timelineKind,
  contactId: z.string().nullable(),
  callId: z.string().optional(),
  detail: z.string(),
}) satisfies z.ZodType<StoredTimelineEntry>;

/** Timeline entries are appended by whichever deploy handles the event, so each carries its version. */
export const incidentTimelineJson = new VersionedJsonList<StoredTimelineEntry>(
  VersionedJson.first('SosIncident.timeline', timelineEntryV1),
);
