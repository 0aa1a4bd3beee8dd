import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_PREFIX } from './twilio-account';

/** A name in linli's media folder: no way out of it. */
const MEDIA_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

/** How long a prompt's URL works: longer than any call that may play it. */
const URL_LIFETIME_MS = 2 * 3600 * 1000;

/**
 * URLs Twilio fetches linli's prompts from: each names one sound, expires, and carries an HMAC of both,
 * so nobody else reads the media folder and a leaked URL stops working.
 */
export class MediaUrls {
  private readonly key: Buffer;

  constructor(
    private readonly publicUrl: string,
    authToken: string,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, derived from the account's secret: one secret to configure, not one to leak twice.
    this.key = createHmac('sha256', authToken).update('linli media urls').digest();
  }

  static isMediaName(name: string): boolean {
    return MEDIA_NAME.test(name) && !name.split('/').some((part) => part === '..' || part === '.');
  }

  /** The signed URL of a sound (its name in the media folder, without extension), served as WAV. */
  url(name: string): string {
    const expires = Math.floor((this.now() + URL_LIFETIME_MS) / 1000);
    return `${this.publicUrl}${WEBHOOK_PREFIX}/media/${name}.wav?exp=${expires}&sig=${this.sign(name, expires)}`;
  }

  /** Whether the URL's signature is linli's and it has not expired. */
  verify(name: string, expires: string, signature: string): boolean {
    if (!MediaUrls.isMediaName(name) || !/^\d{1,12}$/.test(expires)) return false;
    if (Number(expires) * 1000 < this.now()) return false;
    const expected = Buffer.from(this.sign(name, Number(expires)));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(name: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${name}\n${expires}`).digest('base64url');
  }
}
