export { encodeFrame, encodeReplyFrame, FrameEncodeError, MAX_CONTENT_LENGTH } from './frame';
export type { CardFrame, CardFrameHeader } from './frame';
export { CardFrameDecoder } from './frame-decoder';
export type { FrameDecodeResult, FrameDecoderOptions, FrameSkip, FrameSkipReason } from './frame-decoder';
export { decodeCardMessage, isAlarmKeyword } from './message-decoder';
export { replyFor } from './card-replies';
export type {
  CardMessage,
  CardMessageDecodeResult,
  CellTower,
  HeartbeatHealth,
  PositionReport,
  WifiAccessPoint,
} from './message-types';
export { describeContentProblem, ContentValidationError } from './content-error';
export type { ContentProblem } from './content-error';
export { decodeStatusWord, encodeStatusWord, parseStatusWord, STATUS_BITS } from './status-word';
export type { CardAlarms, CardStatus } from './status-word';
export { CommandValidationError, encodeCommand, UPLOAD_INTERVAL_LIMITS } from './command-encoder';
export type { CardCommand, CommandPayload, PhonebookEntry } from './command-encoder';
export { decodeCardCommand } from './command-decoder';
export type { DecodedCardCommand } from './command-decoder';
export type { PhonebookNameEncoding } from './phonebook-names';
