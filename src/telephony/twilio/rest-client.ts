import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import type { TwilioAccount } from './twilio-account';

/** Twilio's production API host, which the client library addresses; linli may point it elsewhere. */
const TWILIO_API = 'https://api.twilio.com';
/** A REST request that takes longer has an unknown outcome. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The HTTP client of the twilio package, sending to the configured API base instead of api.twilio.com
 * (a local fake in tests; a proxy where the network needs one). Nothing else changes.
 */
class ApiBaseClient extends twilio.RequestClient {
  constructor(private readonly apiUrl: string) {
    super({ timeout: REQUEST_TIMEOUT_MS, keepAlive: true });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.apiUrl + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export type TwilioRest = twilio.Twilio;

export function createRestClient(
  account: Pick<TwilioAccount, 'accountSid' | 'authToken' | 'apiUrl'>,
): TwilioRest {
  return twilio(account.accountSid, account.authToken, {
    httpClient: account.apiUrl === TWILIO_API ? undefined : new ApiBaseClient(account.apiUrl),
    autoRetry: false,
  });
}
