import { z } from 'zod';
import { VersionedJson } from '../../db/versioned-json';
import { resolveElderSettings, type ElderSettings, type ElderSettingsInput } from './elder-settings';

/**
 * How Elder.settings is stored, version by version: the API's input, every field optional. Sections
 * not listed here are kept as they are rather than dropped, so a section added to ElderSettingsInput
 * survives until it is listed.
 */
const settingsV1 = z.looseObject({
  escalation: z
    .object({
      mode: z.enum(['sequential', 'parallel']).optional(),
      rounds: z.number().optional(),
      ringTimeoutSeconds: z.number().optional(),
      pauseBetweenRoundsSeconds: z.number().optional(),
    })
    .optional(),
  inactivity: z
    .object({
      enabled: z.boolean().optional(),
      maxDistanceM: z.number().optional(),
      periodMinutes: z.number().optional(),
      daytime: z.object({ from: z.string(), to: z.string() }).optional(),
      heartbeatTimeoutMinutes: z.number().optional(),
      cooldownMinutes: z.number().optional(),
    })
    .optional(),
}) satisfies z.ZodType<ElderSettingsInput>;

export const elderSettingsJson: VersionedJson<ElderSettingsInput> = VersionedJson.first(
  'Elder.settings',
  settingsV1,
);

/** The settings the rules run with; throws UnreadableJsonError when the stored value is unreadable. */
export function readElderSettings(elderId: string, json: unknown): ElderSettings {
  return resolveElderSettings(elderSettingsJson.read(elderId, json));
}
