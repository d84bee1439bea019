/**
 * Why a bot could not connect or join, in words a person can act on: the server's refusal
 * code and message, or the network's error (socket.io-client only says "websocket error" and
 * keeps the cause in `description`). A protocol mismatch means one side runs an old build.
 */
import { ErrorCode } from '@arena/shared/protocol';

export const STALE_BUILD =
  'the server speaks another protocol version (PROTOCOL_MISMATCH): one side is a stale build; run `npm run build`';

interface ConnectError {
  message?: unknown;
  data?: { code?: unknown; message?: unknown };
  description?: { message?: unknown; error?: { message?: unknown } };
}

/** The reason behind a socket.io `connect_error`. */
export function connectFailure(error: unknown): string {
  const e = (error ?? {}) as ConnectError;
  const code = typeof e.data?.code === 'string' ? e.data.code : undefined;
  if (code === ErrorCode.ProtocolMismatch) return STALE_BUILD;
  if (code) return typeof e.data?.message === 'string' ? `${code}: ${e.data.message}` : code;
  const cause = e.description?.message ?? e.description?.error?.message;
  if (typeof cause === 'string') return cause;
  return typeof e.message === 'string' ? e.message : String(error);
}

/** "reason (×3); other reason": each distinct failure once, with how many bots met it. */
export function summarizeFailures(failures: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([f, n]) => (n > 1 ? `${f} (×${n})` : f)).join('; ');
}
