import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are credentials: linli refuses tokens there, but clients still send them. */
const SECRET_PARAMETER = /token|key|secret|password|auth|signature/i;
const REDACTED = '[redacted]';

/** The URL with the value of every credential-like query parameter replaced, as it may be logged. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const redacted = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape still names the parameter well enough to decide.
      }
      return SECRET_PARAMETER.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, query)}?${redacted}`;
}

/** What fastify logs of a request ("incoming request"), with the URL redacted. */
export function requestLogView(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
