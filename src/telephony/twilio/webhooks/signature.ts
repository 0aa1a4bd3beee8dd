import twilio from 'twilio';

/** Header of the signature, and of its settings when a shared key signed instead of the auth token. */
const SIGNATURE = 'x-twilio-signature';
const SIGNATURE_SETTINGS = 'x-twilio-webhooks-signature-settings';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Whether a webhook request was signed by Twilio with the account's auth token: the HMAC of the URL
 * Twilio requested (linli's public base URL and the path and query as received) and the form
 * parameters, checked by the twilio package.
 */
export function signedByTwilio(
  authToken: string,
  publicUrl: string,
  request: { url: string; headers: Headers },
  params: Record<string, string>,
): boolean {
  const signature = request.headers[SIGNATURE];
  if (typeof signature !== 'string' || signature === '') return false;
  const settings = request.headers[SIGNATURE_SETTINGS];
  const algorithm = twilio.getSignatureAlgorithm(typeof settings === 'string' ? settings : null);
  return twilio.validateRequest(authToken, signature, `${publicUrl}${request.url}`, params, algorithm);
}
