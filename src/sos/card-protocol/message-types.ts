import type { ContentProblem } from './content-error';
import type { CardFrameHeader } from './frame';
import type { CardStatus } from './status-word';

export interface CellTower {
  lac: number;
  cid: number;
  /** Signal as the card reports it; absent when the card left it empty. */
  signal?: number;
}

export interface WifiAccessPoint {
  ssid: string;
  mac: string;
  rssi: number;
}

/** Body shared by UD / UD2 / UD3 / UD_LTE / UD_WCDMA / WT position reports and AL alarms. */
export interface PositionReport {
  /** Card clock read as UTC; null when the card sent 000000 dates (clock not set yet). */
  reportedAt: Date | null;
  /** GPS fix flag (A); with V the coordinates are stale or zero and cells/wifi locate the card. */
  gpsValid: boolean;
  /** Decimal degrees, south negative. */
  latitude: number;
  /** Decimal degrees, west negative. */
  longitude: number;
  speedKmh: number;
  courseDeg: number;
  altitudeM: number;
  satellites: number;
  gsmSignal: number;
  /** Percent, 0-100. */
  battery: number;
  steps: number;
  rolls: number;
  status: CardStatus;
  /** Timing advance / connection field that precedes the cell list; vendors disagree on its use. */
  connect?: number;
  mcc?: number;
  mnc?: number;
  cells: CellTower[];
  wifi: WifiAccessPoint[];
  /** Metres, when the card sends it. */
  accuracyM?: number;
  /** Trailing fields this decoder does not understand, kept verbatim. */
  extraFields: string[];
  /** Fields that could not be read and were left out (the rest of the report stands); absent when none. */
  droppedFields?: ContentProblem[];
}

/** What `LK,steps,rolls,battery` says; a field the card left empty or garbled is absent. */
export interface HeartbeatHealth {
  steps?: number;
  rolls?: number;
  /** Percent, 0-100. */
  battery?: number;
}

export type CardMessage =
  | { kind: 'init'; header: CardFrameHeader; fields: string[] }
  | {
      kind: 'heartbeat';
      header: CardFrameHeader;
      /** Absent for a bare `LK`. */
      health?: HeartbeatHealth;
      /** Health fields that could not be read; absent when none. */
      droppedFields?: ContentProblem[];
    }
  | { kind: 'position'; header: CardFrameHeader; keyword: string; report: PositionReport }
  | { kind: 'alarm'; header: CardFrameHeader; keyword: string; report: PositionReport }
  /** The card echoing a command keyword (CR, SOS, SOS1-3, PHB, PHB2, UPLOAD) to confirm it. */
  | { kind: 'command-ack'; header: CardFrameHeader; keyword: string; fields: string[] }
  /** A keyword this decoder does not model (voice TK, health data, …); content kept raw. */
  | { kind: 'other'; header: CardFrameHeader; keyword: string; content: Buffer };

export type CardMessageDecodeResult =
  | { ok: true; message: CardMessage }
  | { ok: false; header: CardFrameHeader; keyword: string; problem: ContentProblem; content: Buffer };
