/**
 * An alert as linli understands it, whichever format it came in: OASIS CAP 1.2 or China's
 * GB/T 35965.1-2018 预警信息 (CAP-derived). Values are normalised to lower-case words.
 */
export interface Alert {
  format: AlertFormat;
  identifier: string;
  sender: string;
  sent: Date;
  status: AlertStatus;
  msgType: AlertMsgType;
  /** The earlier alerts an Update or Cancel acts on. */
  references: AlertReference[];
  /**
   * GB/T 35965.1: the 6-digit GB/T 2260 code that starts the identifier (or senderCode), i.e. the
   * issuing unit's area. Absent for CAP alerts whose identifier is not in that form.
   */
  issuerAreaCode?: string;
  infos: AlertInfo[];
}

export type AlertFormat = 'cap-1.2' | 'gbt-35965.1';
export type AlertStatus = 'actual' | 'exercise' | 'system' | 'test';
export type AlertMsgType = 'alert' | 'update' | 'cancel';
export type AlertSeverity = 'extreme' | 'severe' | 'moderate' | 'minor' | 'unknown';
export type AlertUrgency = 'immediate' | 'expected' | 'future' | 'past' | 'unknown';
/** 预警级别: 红 Ⅰ级 特别严重, 橙 Ⅱ级 严重, 黄 Ⅲ级 较重, 蓝 Ⅳ级 一般. */
export type AlertColour = 'red' | 'orange' | 'yellow' | 'blue';

/**
 * CAP names an earlier alert by `sender,identifier,sent`; Chinese feeds often by its identifier
 * alone, so sender and sent are there only when the alert gave them.
 */
export interface AlertReference {
  identifier: string;
  sender?: string;
  sent?: Date;
}

export interface AlertInfo {
  /** e.g. zh-CN (CAP's default en-US when absent). */
  language: string;
  /** What happened, in words (大风, Flood); the event type code when the alert gave only that. */
  event: string;
  /** GB/T 35965.1 `eventType` code (e.g. 11B06), when given. */
  eventCode?: string;
  urgency: AlertUrgency;
  severity: AlertSeverity;
  colour?: AlertColour;
  headline: string;
  description: string;
  instruction: string;
  expires?: Date;
  areas: AlertArea[];
}

export interface LatLon {
  lat: number;
  lon: number;
}

export interface AlertCircle extends LatLon {
  radiusKm: number;
}

export interface AlertArea {
  desc: string;
  /** Each polygon a closed ring of [lat, lon] (WGS84), first point repeated last. */
  polygons: [number, number][][];
  circles: AlertCircle[];
  geocodes: { valueName: string; value: string }[];
  /**
   * GB/T 2260 / 统计用区划代码 codes of the area (6, 9 or 12 digits), from its geocodes; when the
   * area gives nothing else to go by (no geocode, polygon, circle or description), the issuer's.
   */
  areaCodes: string[];
}
