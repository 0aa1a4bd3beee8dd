import type { Priority } from './priority';
import type { Schedule } from './schedule';

/** What a cadre plays: text spoken by TTS, or an uploaded recording. */
export type BroadcastContent = { kind: 'tts'; text: string } | { kind: 'audio'; audioFileId: string };

/** Where it plays: the union of the speakers in these villages, grids, zones, and these speakers. */
export interface BroadcastTargets {
  villageIds: string[];
  gridIds: string[];
  zoneIds: string[];
  speakerIds: string[];
}

/** A broadcast as validated: everything needed to play it, with references resolved to ids. */
export interface BroadcastDefinition {
  title: string;
  priority: Priority;
  content: BroadcastContent;
  chime: boolean;
  /** 1–3 plays of the message in a row. */
  repeat: number;
  drill: boolean;
  targets: BroadcastTargets;
  schedule: Schedule;
  /** How long each occurrence keeps trying speakers that are offline or busy. */
  validMinutes: number;
}
