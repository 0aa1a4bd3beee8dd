import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../api/client';
import { openEventStream, type StreamStatus } from '../api/event-stream';
import { useSession } from '../session/session';

export type Loaded<T> =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; reload(): void }
  | { kind: 'ready'; data: T; reload(): void };

/** A GET of the API, again whenever `path` or `refreshKey` changes; null loads nothing. */
export function useApiGet<T>(path: string | null, refreshKey: unknown = null): Loaded<T> {
  const { token } = useSession();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: s.data === undefined }));
    apiRequest<T>(token, 'GET', path).then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [token, path, generation, refreshKey]);
  if (state.error !== undefined) return { kind: 'failed', message: state.error, reload };
  if (state.data === undefined) return { kind: 'loading' };
  return { kind: 'ready', data: state.data, reload };
}

/** A live stream's latest `event` data and where the connection stands; null opens nothing. */
export function useEventStream<T>(
  path: string | null,
  event: string,
): { data: T | null; status: StreamStatus } {
  const { token } = useSession();
  const [data, setData] = useState<T | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    if (path === null) return;
    setData(null);
    return openEventStream(token, path, {
      onEvent: (name, value) => {
        if (name === event) setData(value as T);
      },
      onStatus: setStatus,
    });
  }, [token, path, event]);
  return { data, status };
}
