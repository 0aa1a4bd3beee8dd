export { encodeFrame, encodeReplyFrame } from './frame';
export type { CardFrame, CardFrameHeader } from './frame';
export { CardFrameDecoder } from './frame-decoder';
export type { FrameSkip, FrameSkipReason } from './frame-decoder';
export { decodeCardMessage, isAlarmKeyword } from './message-decoder';
export { replyFor } from './card-replies';
export type {
  CardMessage,
  CardMessageDecodeResult,
  PositionReport,
} from './message-types';
export { describeContentProblem, ContentValidationError } from './content-error';
export type { ContentProblem } from './content-error';
export { decodeStatusWord, encodeStatusWord, parseStatusWord } from './status-word';
export type { CardAlarms } from './status-word';
export { CommandValidationError, encodeCommand } from './command-encoder';
export type { CardCommand, CommandPayload, PhonebookEntry } from './command-encoder';
export { decodeCardCommand } from './command-decoder';
export type { DecodedCardCommand } from './command-decoder';
export type { PhonebookNameEncoding } from './phonebook-names';
