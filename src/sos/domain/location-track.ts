/** What a love card reports in one location frame; any part may be missing. */
export interface TrackReport {
  /** When the card measured it, epoch ms. */
  at: number;
  gps?: GpsReading;
  cells?: readonly CellObservation[];
  wifi?: readonly WifiObservation[];
}

export interface GpsReading {
  /** The card's own fix flag ('A' in most protocols). */
  valid: boolean;
  lat: number;
  lon: number;
  satellites: number;
  /** Metres, when the card reports it. */
  accuracyM?: number;
}

export interface CellObservation {
  mcc: number;
  mnc: number;
  lac: number;
  cid: number;
  /** Received signal strength, dBm (e.g. -75); absent when the card left it out. */
  rssi?: number;
}

export interface WifiObservation {
  mac: string;
  /** Received signal strength, dBm; absent when unknown. */
  rssi?: number;
}
