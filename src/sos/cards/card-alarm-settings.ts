import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import { DEFAULT_CARD_ALARM_SETTINGS, type CardAlarmSettings } from '../registry/elder-settings';
import { readElderSettingsOrDefaults } from '../registry/elder-settings-json';

/** The elder's card alarm settings; the defaults for an elder that is gone. */
export async function loadCardAlarmSettings(
  db: Db,
  elderId: string,
  logger: Logger,
): Promise<CardAlarmSettings> {
  const elder = await db.elder.findUnique({ where: { id: elderId }, select: { settings: true } });
  return elder
    ? readElderSettingsOrDefaults(elderId, elder.settings, logger).alarms
    : DEFAULT_CARD_ALARM_SETTINGS;
}
