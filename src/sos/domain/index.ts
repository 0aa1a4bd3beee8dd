/**
 * Elder SOS domain rules: pure functions, no I/O. Times are epoch milliseconds and the current time
 * is always passed in as `now`.
 */
export * from './contacts';
export * from './escalation-plan';
export * from './escalation-types';
export * from './escalation-reducer';
export * from './escalation-trunk';
export * from './incident-matching';
export * from './geo';
export type { CsvParseResult } from './csv-rows';
export * from './opencellid-csv';
export * from './wifi-table-csv';
export * from './location-track';
export * from './radio-tables';
export * from './network-location';
export * from './best-location';
export * from './location-words';
export * from './chinese-time-words';
export * from './sos-messages';
export * from './inactivity';
export * from './location-privacy';
