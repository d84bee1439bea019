/**
 * The seat token from the last `room:joined`. sessionStorage (not localStorage) so each tab
 * keeps its own seat, and a reload of that tab gets the same seat back.
 */
const SESSION_TOKEN_KEY = 'arena.sessionToken';

export function readSessionToken(): string | undefined {
  try {
    return sessionStorage.getItem(SESSION_TOKEN_KEY) ?? undefined;
  } catch {
    // Storage can be disabled (privacy mode); playing without seat recovery still works.
    return undefined;
  }
}

export function writeSessionToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(SESSION_TOKEN_KEY);
    else sessionStorage.setItem(SESSION_TOKEN_KEY, token);
  } catch {
    // See readSessionToken.
  }
}
