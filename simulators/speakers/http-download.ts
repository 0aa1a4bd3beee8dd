import http from 'node:http';

/**
 * One GET over plain HTTP, as a speaker's firmware does it: node's own client, not fetch. A thousand
 * simulated speakers share one process, and fetch's per-request overhead (streams, a connection
 * pool) made the fleet, not linli, what a village-wide benchmark measured (4-5 s against 1-1.5 s).
 */
export function httpDownload(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
  });
}
