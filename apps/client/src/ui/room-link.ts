/** Room links: `/?room=CODE` opens straight into that room. */
import { normalizeRoomCode } from '@arena/shared/protocol';

const ROOM_PARAM = 'room';

/** The room code in a page URL, or null when absent or not a possible code. */
export function roomCodeFromUrl(href: string): string | null {
  const raw = new URL(href).searchParams.get(ROOM_PARAM);
  return raw === null ? null : normalizeRoomCode(raw);
}

export function shareLinkFor(code: string, href: string): string {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  url.searchParams.set(ROOM_PARAM, code);
  return url.toString();
}

/** Keeps the address bar on the room we are in, so a reload or a copied URL comes back here. */
export function showRoomInAddressBar(code: string | null): void {
  const url = new URL(window.location.href);
  if (code === null) url.searchParams.delete(ROOM_PARAM);
  else url.searchParams.set(ROOM_PARAM, code);
  if (url.href !== window.location.href) window.history.replaceState(null, '', url);
}
