import { readIdentifierDigits } from './chinese-numbers';

/** Words after which a number is a phone number, whatever its length (热线12345, 拨打110). */
const PHONE_CONTEXT =
  /(联系方式|手机号|电话|手机|号码|热线|拨打|致电|来电|回电|座机|传真|呼叫|拨)([：:\s是为]*)(\+86[- ]?)?(\d{3,}(?:[- ]\d{2,8}){0,3})/g;
/** Service numbers named by what follows them: 12345热线, 110报警. */
const PHONE_BEFORE_SERVICE = /(?<!\d)(\d{3,})(?=热线|电话|报警|急救)/g;
/** Mobile numbers, optionally written 138-0013-8000 or 138 0013 8000, optionally with +86. */
const MOBILE = /(?<![\d.])(?:\+86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4}|1\d{10})(?![\d.])/g;
/** Landlines with an area code: 0571-88888888, (010)12345678, with an extension after a dash. */
const LANDLINE = /(?<![\d.])(?:\((0\d{2,3})\)\s?|(0\d{2,3})[- ])(\d{7,8})(?:-(\d{1,5}))?(?![\d.])/g;
/** Nationwide service numbers: 400-123-4567, 800 123 4567. */
const SERVICE_NUMBER = /(?<![\d.])([48]00[- ]?\d{3}[- ]?\d{4})(?![\d.])/g;

/** Words after which a token is a case, order or reference number, read out character by character. */
const IDENTIFIER_CONTEXT =
  /(编号|单号|件号|案号|受理号|验证码|尾号|编码|门牌号|房间号|批次号|账号|卡号|身份证号|身份证)([：:\s是为]*)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)/g;
/** Tokens such as GD2026001 or A-00123: letters, then at least three digits. */
const LETTERED_IDENTIFIER =
  /(?<![A-Za-z0-9])([A-Za-z]{1,4}-?\d{3,}[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![A-Za-z0-9])/g;
/** Digit strings no quantity looks like: a leading zero (00123) or twelve digits and more (ID cards). */
const DIGIT_STRING = /(?<![\d.])(0\d+|\d{12,}[Xx]?)(?!\d|\.\d)/g;

export function readPhoneNumbers(text: string): string {
  // Shapes first: the context pattern would read a landline's extension as part of the number.
  return text
    .replace(
      LANDLINE,
      (_m, bracketedArea: string | undefined, area: string | undefined, local: string, extension?: string) =>
        readIdentifierDigits((bracketedArea ?? area ?? '') + local) +
        (extension ? `转${readIdentifierDigits(extension)}` : ''),
    )
    .replace(MOBILE, (_m, digits: string) => readIdentifierDigits(digits))
    .replace(SERVICE_NUMBER, (_m, digits: string) => readIdentifierDigits(digits))
    .replace(
      PHONE_CONTEXT,
      (_m, word: string, filler: string, _cc, digits: string) => word + filler + readIdentifierDigits(digits),
    )
    .replace(PHONE_BEFORE_SERVICE, (_m, digits: string) => readIdentifierDigits(digits));
}

/** Letters by name, digits one by one with 幺, a dash as 杠: A2026-001 → "A 二零二六杠零零幺". */
function spellIdentifier(token: string): string {
  const parts = token.match(/[A-Za-z]|[^A-Za-z]+/g) ?? [];
  return parts
    .map((part) =>
      /[A-Za-z]/.test(part) ? part.toUpperCase() : part.split('-').map(readIdentifierDigits).join('杠'),
    )
    .join(' ');
}

export function readIdentifiers(text: string): string {
  return text
    .replace(IDENTIFIER_CONTEXT, (match, word: string, filler: string, token: string) =>
      /\d/.test(token) ? word + filler + spellIdentifier(token) : match,
    )
    .replace(LETTERED_IDENTIFIER, (_m, token: string) => spellIdentifier(token));
}

/** Runs after dates and times, whose 09 and 01 must not be taken for digit strings. */
export function readDigitStrings(text: string): string {
  return text.replace(DIGIT_STRING, (_m, token: string) => spellIdentifier(token));
}
