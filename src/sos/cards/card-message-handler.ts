import type { Logger } from '../../logging';
import { isAlarmKeyword } from '../card-protocol';
import type { CardGatewayMessage, CardMessageContext } from '../gateway';
import type { CardDirectory, KnownCard } from './card-directory';
import type { CardReportWriter } from './card-report-writer';
import { positionToFix } from './position-to-fix';

export interface SosAlarm {
  card: KnownCard;
  imei: string;
  receivedAt: Date;
  /** True when the frame could not be fully read and is treated as an SOS to be safe. */
  unreadable: boolean;
}

export interface CardMessageHandlerDeps {
  cards: CardDirectory;
  writer: CardReportWriter;
  /** Resolves once the SOS is taken in hand; the gateway answers the card's AL only then. */
  onSosAlarm(alarm: SosAlarm): Promise<void>;
  logger: Logger;
}

/**
 * The gateway's onMessage: stores what cards report and raises SOS alarms. Positions and alarms
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
        const sos = message.report.status.alarms.sos;
        await deps.writer.writeFix(
          card.id,
          positionToFix(message.keyword, message.report, receivedAt),
          receivedAt,
          sos,
        );
        if (sos) await deps.onSosAlarm({ card, imei: context.imei, receivedAt, unreadable: false });
        return;
      }
      case 'invalid':
        await deps.writer.touch(card.id, receivedAt, null);
        // The status word may be the part that could not be read; a false alarm costs a few calls, a missed SOS far more.
        if (isAlarmKeyword(message.keyword)) {
          await deps.onSosAlarm({ card, imei: context.imei, receivedAt, unreadable: true });
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
