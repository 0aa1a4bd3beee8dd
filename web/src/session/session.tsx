import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, apiRequest } from '../api/client';
import type { Me } from '../api/types';

export interface Session {
  token: string;
  me: Me;
  signOut(): void;
}

const STORED_TOKEN = 'linli.token';
const SessionContext = createContext<Session | null>(null);

/**
 * A link with #token=… (the demo prints one) signs in once; the token leaves the address bar at once so
 * it is neither bookmarked nor shared with a screenshot.
 */
function tokenFromAddress(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]);
}

export type SignInState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; problem: 'bad-token' | null }
  | { kind: 'signed-in'; session: Session };

/** The token kept in this tab's sessionStorage (forgotten with the tab) and who it is. */
export function useSignIn(): { state: SignInState; signIn(token: string): Promise<void> } {
  const [state, setState] = useState<SignInState>({ kind: 'checking' });
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORED_TOKEN);
    setState({ kind: 'signed-out', problem: null });
  }, []);
  const signIn = useCallback(
    async (token: string) => {
      try {
        const me = await apiRequest<Me>(token, 'GET', '/api/v1/me');
        sessionStorage.setItem(STORED_TOKEN, token);
        setState({ kind: 'signed-in', session: { token, me, signOut } });
      } catch (error) {
        sessionStorage.removeItem(STORED_TOKEN);
        if (!(error instanceof ApiError && error.status === 401)) throw error;
        setState({ kind: 'signed-out', problem: 'bad-token' });
      }
    },
    [signOut],
  );
  useEffect(() => {
    const token = tokenFromAddress() ?? sessionStorage.getItem(STORED_TOKEN);
    if (token) void signIn(token);
    else setState({ kind: 'signed-out', problem: null });
  }, [signIn]);
  return { state, signIn };
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
