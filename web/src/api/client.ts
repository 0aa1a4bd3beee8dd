/** A problem the API reported: its status, its message and, for a 400, every bad field. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  message?: string;
  fields?: { field: string; reason: string }[];
}

/** One request to linli's API with the signed-in token; the parsed body, or an ApiError. */
export async function apiRequest<T>(
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  // fastify refuses a POST without a body, so actions without input send an empty object.
  const payload = body === undefined && method === 'POST' ? {} : body;
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as ErrorBody;
    throw new ApiError(response.status, problem.message ?? response.statusText, problem.fields ?? []);
  }
  return parsed as T;
}

/** Downloads an export with the token (a plain link could not send it) and saves it under its name. */
export async function download(token: string, path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
