// Who is signed in. The session lives in the HttpOnly `botpbx_session` cookie, so the SPA never sees a token:
// it asks `GET /api/auth/me` and treats 401 as "signed out". Any later 401 (session expired or revoked by a
// password change) forgets the user, and the router sends them to the login page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from '../api/client';
import { ApiError } from '../api/errors';
import type { CurrentUser, LoginResponse } from '../api/types';

export const meQueryKey = ['auth', 'me'] as const;

interface AuthContextValue {
  user: CurrentUser | null;
  loading: boolean;
  /** Set when `/api/auth/me` failed for another reason than 401 (server down). */
  error: unknown;
  retry: () => void;
  /**
   * True after the user pressed "Sign out": the login page then opens plain, instead of offering to return to the
   * page they were on (which it does when a session expired under them).
   */
  signedOutByUser: boolean;
  login: (email: string, password: string) => Promise<CurrentUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchMe(signal: AbortSignal): Promise<CurrentUser | null> {
  try {
    return await api.get<CurrentUser>('/api/auth/me', { signal, expectUnauthorized: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOutByUser, setSignedOutByUser] = useState(false);
  const me = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    retry: 1,
  });

  const signedOut = useCallback(() => {
    // Drop every cached answer: the next user must not see the previous user's data.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, null);
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(() => signedOut());
    return () => setUnauthorizedHandler(null);
  }, [signedOut]);

  const login = useCallback(
    async (email: string, password: string) => {
      const response = await api.post<LoginResponse>(
        '/api/auth/login',
        { email, password },
        { expectUnauthorized: true },
      );
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, response.user);
      setSignedOutByUser(false);
      return response.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    setSignedOutByUser(true);
    try {
      await api.post<void>('/api/auth/logout', undefined, { expectUnauthorized: true });
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const value = useMemo<AuthContextValue>(
    () => ({
      user: me.data ?? null,
      loading: me.isPending,
      error: me.error,
      retry: () => void me.refetch(),
      signedOutByUser,
      login,
      logout,
    }),
    [me, signedOutByUser, login, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user, for pages behind <RequireAuth> (where there always is one). */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside <RequireAuth>');
  return user;
}
