import { z } from 'zod';
import { UnreadableJsonError, VersionedJson } from '../../db/versioned-json';
import type { Logger } from '../../logging';
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
  /** Added within version 1: every field optional, so a row stored before it reads with the defaults. */
  alarms: z
    .object({
      fall: z.boolean().optional(),
      takenOff: z.boolean().optional(),
      powerOff: z.boolean().optional(),
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

/**
 * The settings for an SOS or a card alarm, which must still reach someone when the stored value
 * cannot be read: the problem is logged and the defaults apply.
 */
export function readElderSettingsOrDefaults(elderId: string, json: unknown, logger: Logger): ElderSettings {
  try {
    return readElderSettings(elderId, json);
  } catch (error) {
    if (!(error instanceof UnreadableJsonError)) throw error;
    logger.error({ elderId, err: error.message }, 'elder settings unreadable; the defaults apply');
    return resolveElderSettings({});
  }
}
