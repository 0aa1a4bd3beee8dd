import { encodePhonebookName, PhonebookNameError, type PhonebookNameEncoding } from './phonebook-names';

export interface PhonebookEntry {
  number: string;
  name: string;
}

/** What the platform can ask of a card. */
export type CardCommand =
  /** Up to three SOS numbers in one go (`SOS,n1,n2,n3`); a missing or empty number clears that slot. */
  | { type: 'set-sos-numbers'; numbers: string[] }
  /** One SOS slot (`SOS1,n` … `SOS3,n`), for firmwares without the combined form. */
  | { type: 'set-sos-number'; slot: 1 | 2 | 3; number: string }
  /** Speed-dial contacts: `PHB` carries entries 1-5, `PHB2` entries 6-10. */
  | { type: 'set-phonebook'; entries: PhonebookEntry[]; nameEncoding?: PhonebookNameEncoding }
  /** Position report interval (`UPLOAD,seconds`). */
  | { type: 'set-upload-interval'; seconds: number }
  /** Report a position now (`CR`). */
  | { type: 'locate-now' };

/** One frame's worth of command; the card confirms it by echoing `keyword`. */
export interface CommandPayload {
  keyword: string;
  content: Buffer;
}

export class CommandValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandValidationError';
  }
}

const PHONE_NUMBER = /^\+?\d{3,20}$/;
const PHONEBOOK_PAGE_SIZE = 5;
const PHONEBOOK_PAGES = ['PHB', 'PHB2'] as const;
const MAX_NAME_CHARACTERS = 20;
/** Shorter intervals drain a card's battery within hours; longer ones make the position useless. */
const UPLOAD_INTERVAL_LIMITS = { min: 10, max: 86_400 } as const;

function checkNumber(number: string, what: string): void {
  if (!PHONE_NUMBER.test(number)) {
    throw new CommandValidationError(
      `${what} must be 3-20 digits with an optional leading +, got "${number}"`,
    );
  }
}

function payload(keyword: string, ...parts: Buffer[]): CommandPayload {
  const comma = Buffer.from(',');
  const pieces: Buffer[] = [Buffer.from(keyword, 'ascii')];
  for (const part of parts) pieces.push(comma, part);
  return { keyword, content: Buffer.concat(pieces) };
}

const ascii = (text: string) => Buffer.from(text, 'ascii');

/** Validates a command and turns it into the frame contents to send, in order. */
export function encodeCommand(command: CardCommand): CommandPayload[] {
  switch (command.type) {
    case 'set-sos-numbers': {
      if (command.numbers.length < 1 || command.numbers.length > 3) {
        throw new CommandValidationError(
          `set-sos-numbers takes 1 to 3 numbers, got ${command.numbers.length}`,
        );
      }
      const slots = [0, 1, 2].map((i) => command.numbers[i] ?? '');
      slots.forEach((n, i) => n !== '' && checkNumber(n, `SOS number ${i + 1}`));
      return [payload('SOS', ...slots.map(ascii))];
    }
    case 'set-sos-number': {
      if (![1, 2, 3].includes(command.slot)) {
        throw new CommandValidationError(`SOS slot must be 1, 2 or 3, got ${String(command.slot)}`);
      }
      checkNumber(command.number, `SOS number ${command.slot}`);
      return [payload(`SOS${command.slot}`, ascii(command.number))];
    }
    case 'set-phonebook':
      return encodePhonebook(command.entries, command.nameEncoding ?? 'utf16be-hex');
    case 'set-upload-interval': {
      const { min, max } = UPLOAD_INTERVAL_LIMITS;
      if (!Number.isInteger(command.seconds) || command.seconds < min || command.seconds > max) {
        throw new CommandValidationError(
          `upload interval must be a whole number of seconds from ${min} to ${max}, got ${command.seconds}`,
        );
      }
      return [payload('UPLOAD', ascii(String(command.seconds)))];
    }
    case 'locate-now':
      return [payload('CR')];
    default:
      throw new CommandValidationError(`unknown command type "${(command as { type: unknown }).type}"`);
  }
}

function encodePhonebook(entries: PhonebookEntry[], encoding: PhonebookNameEncoding): CommandPayload[] {
  const capacity = PHONEBOOK_PAGE_SIZE * PHONEBOOK_PAGES.length;
  if (entries.length < 1 || entries.length > capacity) {
    throw new CommandValidationError(`a phonebook holds 1 to ${capacity} entries, got ${entries.length}`);
  }
  const encoded = entries.map((entry, i) => {
    checkNumber(entry.number, `phonebook entry ${i + 1} number`);
    const characters = [...entry.name].length;
    if (characters < 1 || characters > MAX_NAME_CHARACTERS || /[,[\]*]/.test(entry.name)) {
      throw new CommandValidationError(
        `phonebook entry ${i + 1} name must be 1-${MAX_NAME_CHARACTERS} characters without , [ ] *, got "${entry.name}"`,
      );
    }
    try {
      return [ascii(entry.number), encodePhonebookName(entry.name, encoding)];
    } catch (error) {
      if (error instanceof PhonebookNameError) throw new CommandValidationError(error.message);
      throw error;
    }
  });
  const pages: CommandPayload[] = [];
  PHONEBOOK_PAGES.forEach((keyword, page) => {
    const slice = encoded.slice(page * PHONEBOOK_PAGE_SIZE, (page + 1) * PHONEBOOK_PAGE_SIZE);
    if (slice.length > 0) pages.push(payload(keyword, ...slice.flat()));
  });
  return pages;
}
