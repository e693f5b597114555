import type { Actor, Role } from '@docket/domain';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { send, setTokenSource } from '../api/client';
import { authConfig, oidcSettingsOf } from './auth-config';
import { rememberSignOut, signOutUrl } from './oidc';

const STORAGE_KEY = 'docket.session';

/** A signed-in user: who the gateway says they are (GET /api/me) and the token it accepted. */
export interface Session {
  actor: Actor;
  token: string;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
  /** The provider's ID token, for a session signed in with OpenID Connect: the hint when signing out there. */
  idToken?: string;
}

interface SessionContext {
  session: Session | undefined;
  /**
   * Keeps a token the gateway accepted (it asks /api/me who it is) and remembers it for this tab, with the
   * provider's ID token for an OpenID Connect sign-in.
   */
  signIn(token: string, expiresInSeconds: number, options?: { idToken?: string }): Promise<Session>;
  /** Ends this tab's session (the user's 退出 for a development token, or a 401 from the API). */
  signOut(): void;
  /**
   * The user's 退出: ends this tab's session and, for an OpenID Connect session, answers the provider's
   * end_session_endpoint to send the browser to (RP-Initiated Logout, back to /signin), so that the next
   * sign-in asks for a login again. A provider without one: answers undefined, and the next sign-in in this
   * browser asks the provider for `prompt=login`. A development-token session: undefined.
   */
  signOutEverywhere(): Promise<string | undefined>;
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

  const signOutEverywhere = useCallback(async () => {
    const idToken = session?.idToken;
    if (idToken === undefined) {
      signOut();
      return undefined;
    }
    const settings = await authConfig().then(oidcSettingsOf, () => undefined);
    const url =
      settings === undefined
        ? undefined
        : signOutUrl(settings, { idToken, postLogoutRedirectUri: `${location.origin}/signin` });
    if (url === undefined) rememberSignOut(localStorage);
    signOut();
    return url;
  }, [session, signOut]);

  const signIn = useCallback(
    async (token: string, expiresInSeconds: number, options?: { idToken?: string }) => {
      setTokenSource(
        () => token,
        () => {},
      );
      const actor = await send<Actor>('GET', '/api/me');
      const next: Session = {
        actor,
        token,
        expiresAt: Date.now() + expiresInSeconds * 1000,
        ...(options?.idToken === undefined ? {} : { idToken: options.idToken }),
      };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setSession(next);
      return next;
    },
    [],
  );

  const value = useMemo<SessionContext>(
    () => ({
      session,
      signIn,
      signOut,
      signOutEverywhere,
      can: (...roles) => session?.actor.roles.some((role) => roles.includes(role)) ?? false,
    }),
    [session, signIn, signOut, signOutEverywhere],
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
