import type Srf from 'drachtio-srf';

type RequestFn = (
  uri: string,
  opts: { method: Srf.SipMethod },
  callback: (err: Error | null, req: Srf.SrfRequest) => void,
) => void;

/**
 * Sends a request outside any dialog (OPTIONS) and calls back with its final response, or with null
 * when it could not be sent. The response listener is attached in the same tick the request is
 * sent: through drachtio-srf's promise it can come too late for a quick answer. (Its typings also
 * describe `request` with a signature its code does not have; this is the one it has.)
 */
export function sendRequest(
  srf: Srf,
  uri: string,
  method: Srf.SipMethod,
  onResponse: (res: Srf.SrfResponse | null) => void,
): void {
  (srf.request as unknown as RequestFn).call(srf, uri, { method }, (err, req) => {
    if (err) return onResponse(null);
    req.on('response', (res?: Srf.SrfResponse) => onResponse(res ?? null));
  });
}

/** The final status of a failed request, from drachtio-srf's SipError; null for anything else. */
export function sipStatusOf(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number') {
    return err.status;
  }
  return null;
}
