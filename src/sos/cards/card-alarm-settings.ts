import type { Db } from '../../db/client';
import {
  DEFAULT_CARD_ALARM_SETTINGS,
  resolveElderSettings,
  type CardAlarmSettings,
} from '../registry/elder-settings';

/** The elder's card alarm settings; the defaults for an elder that is gone. */
export async function loadCardAlarmSettings(db: Db, elderId: string): Promise<CardAlarmSettings> {
  const elder = await db.elder.findUnique({ where: { id: elderId }, select: { settings: true } });
  return elder ? resolveElderSettings(elder.settings).alarms : DEFAULT_CARD_ALARM_SETTINGS;
}
