import type { Actor, Role } from '@docket/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { send, setTokenSource } from '../api/client';

const STORAGE_KEY = 'docket.session';

/** A signed-in user: who the gateway says they are (GET /api/me) and the token it accepted. */
export interface Session {
  actor: Actor;
  token: string;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

interface SessionContext {
  session: Session | undefined;
  /** Keeps a token the gateway accepted (it asks /api/me who it is) and remembers it for this tab. */
  signIn(token: string, expiresInSeconds: number): Promise<Session>;
  signOut(): void;
  /** Whether the signed-in user holds one of these roles. */
  can(...roles: Role[]): boolean;
}

const Context = createContext<SessionContext | undefined>(undefined);

function stored(): Session | undefined {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    const session = text === null ? undefined : (JSON.parse(text) as Session);
    return session !== undefined && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The session of this browser tab (sessionStorage: closing the tab signs out, and two tabs may be two
 * users, as a clerk and an officer side by side in a demonstration). A 401 from the API ends it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(undefined);
  }, []);

  useEffect(() => {
    setTokenSource(() => session?.token, signOut);
  }, [session, signOut]);

  const signIn = useCallback(async (token: string, expiresInSeconds: number) => {
    setTokenSource(
      () => token,
      () => {},
    );
    const actor = await send<Actor>('GET', '/api/me');
    const next: Session = { actor, token, expiresAt: Date.now() + expiresInSeconds * 1000 };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
    return next;
  }, []);

  const value = useMemo<SessionContext>(
    () => ({
      session,
      signIn,
      signOut,
      can: (...roles) => session?.actor.roles.some((role) => roles.includes(role)) ?? false,
    }),
    [session, signIn, signOut],
  );
  // The token source must be in place before the first child renders and calls the API.
  if (session !== undefined) setTokenSource(() => session.token, signOut);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (context === undefined) throw new Error('useSession outside SessionProvider');
  return context;
}
