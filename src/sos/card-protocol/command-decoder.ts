import type { CardCommand, PhonebookEntry } from './command-encoder';
import { clip, ContentValidationError } from './content-error';
import { splitContent } from './content-fields';
import { decodePhonebookName, PhonebookNameError, type PhonebookNameEncoding } from './phonebook-names';

export interface DecodedCardCommand {
  /** The keyword the card echoes to confirm (SOS, SOS1-3, PHB, PHB2, UPLOAD, CR). */
  keyword: string;
  /** For PHB2, `entries` are the contacts 6-10 only. */
  command: CardCommand;
}

/** The card's side of encodeCommand: what a card (or the simulator) reads from a command frame. */
export function decodeCardCommand(content: Buffer, nameEncoding: PhonebookNameEncoding): DecodedCardCommand {
  const [keywordBytes, ...args] = splitContent(content);
  const keyword = (keywordBytes ?? Buffer.alloc(0)).toString('latin1');
  const text = (i: number) => args[i]?.toString('latin1') ?? '';
  const fail = (field: string, reason: string, value?: string): never => {
    throw new ContentValidationError({
      keyword,
      field,
      reason,
      ...(value === undefined ? {} : { value: clip(value) }),
    });
  };

  switch (keyword) {
    case 'SOS':
      return { keyword, command: { type: 'set-sos-numbers', numbers: [0, 1, 2].map(text) } };
    case 'SOS1':
    case 'SOS2':
    case 'SOS3':
      return {
        keyword,
        command: { type: 'set-sos-number', slot: Number(keyword.slice(3)) as 1 | 2 | 3, number: text(0) },
      };
    case 'PHB':
    case 'PHB2': {
      if (args.length === 0 || args.length % 2 !== 0) fail('entries', 'expected number,name pairs');
      const entries: PhonebookEntry[] = [];
      for (let i = 0; i < args.length; i += 2) {
        const name = args[i + 1] ?? Buffer.alloc(0);
        try {
          entries.push({ number: text(i), name: decodePhonebookName(name, nameEncoding) });
        } catch (error) {
          if (!(error instanceof PhonebookNameError)) throw error;
          fail(`entry ${i / 2 + 1} name`, error.message);
        }
      }
      return { keyword, command: { type: 'set-phonebook', entries, nameEncoding } };
    }
    case 'UPLOAD': {
      const seconds = text(0);
      if (!/^\d+$/.test(seconds)) fail('seconds', 'expected a whole number', seconds);
      return { keyword, command: { type: 'set-upload-interval', seconds: Number(seconds) } };
    }
    case 'CR':
      return { keyword, command: { type: 'locate-now' } };
    default:
      return fail('keyword', 'not a command this card understands', keyword);
  }
}
