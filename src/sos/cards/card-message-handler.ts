import type { Logger } from '../../logging';
import { isAlarmKeyword } from '../card-protocol';
import type { CardGatewayMessage, CardMessageContext } from '../gateway';
import type { CardAlarmSettings } from '../registry/elder-settings';
import { alarmResponse, SOS_RESPONSE } from './alarm-response';
import type { CardDirectory, KnownCard } from './card-directory';
import type { CardReportWriter } from './card-report-writer';
import { positionToFix } from './position-to-fix';

export interface SosAlarm {
  card: KnownCard;
  imei: string;
  receivedAt: Date;
  /** The SOS key, or a fall the card detected (which opens an incident the same way). */
  cause: 'sos' | 'fall';
  /** True when the frame could not be fully read and is treated as an SOS to be safe. */
  unreadable: boolean;
}

/** The card taken off or switched off: someone is sent to look in. */
export interface CardAlert {
  card: KnownCard;
  cause: 'taken_off' | 'power_off';
  receivedAt: Date;
}

export interface CardMessageHandlerDeps {
  cards: CardDirectory;
  writer: CardReportWriter;
  /** Resolves once the SOS is taken in hand; the gateway answers the card's AL only then. */
  onSosAlarm(alarm: SosAlarm): Promise<void>;
  /** Resolves once the alert is decided (and its first call queued); the AL is answered only then. */
  onCardAlert(alert: CardAlert): Promise<void>;
  alarmSettings(elderId: string): Promise<CardAlarmSettings>;
  logger: Logger;
}

/**
 * The gateway's onMessage: stores what cards report and acts on alarms (SOS and falls open
 * incidents, the card taken off or switched off sends someone to look in). Positions and alarms
 * become LocationFix rows; every frame tells that the card is alive.
 */
export function cardMessageHandler(deps: CardMessageHandlerDeps) {
  return async (message: CardGatewayMessage, context: CardMessageContext): Promise<void> => {
    const card = await deps.cards.byImeiNumber(context.imei);
    if (!card) {
      deps.logger.warn({ card: context.imei }, 'frame from a card that is no longer registered ignored');
      return;
    }
    const { receivedAt } = context;
    switch (message.kind) {
      case 'position':
        await deps.writer.writeFix(
          card.id,
          positionToFix(message.keyword, message.report, receivedAt),
          receivedAt,
        );
        return;
      case 'alarm': {
        const { alarms } = message.report.status;
        const response = alarms.sos
          ? SOS_RESPONSE
          : alarmResponse(alarms, await deps.alarmSettings(card.elderId));
        // What the calls say is where this fix places the elder, so it is stored before they start.
        await deps.writer.writeFix(
          card.id,
          positionToFix(message.keyword, message.report, receivedAt),
          receivedAt,
          response.kind !== 'none',
        );
        if (response.kind === 'incident') {
          await deps.onSosAlarm({
            card,
            imei: context.imei,
            receivedAt,
            cause: response.cause,
            unreadable: false,
          });
        } else if (response.kind === 'alert') {
          await deps.onCardAlert({ card, cause: response.cause, receivedAt });
        }
        return;
      }
      case 'invalid':
        await deps.writer.touch(card.id, receivedAt, null);
        // The status word may be the part that could not be read; a false alarm costs a few calls, a missed SOS far more.
        if (isAlarmKeyword(message.keyword)) {
          await deps.onSosAlarm({ card, imei: context.imei, receivedAt, cause: 'sos', unreadable: true });
        }
        return;
      case 'heartbeat':
        await deps.writer.touch(card.id, receivedAt, message.health?.battery ?? null);
        return;
      default:
        await deps.writer.touch(card.id, receivedAt, null);
    }
  };
}
