/** The player's name and colour, remembered in localStorage across visits. */
import { NAME_MAX_LENGTH, cleanText } from '@arena/shared/protocol';

const NAME_KEY = 'arena.name';
const COLOR_KEY = 'arena.color';

/**
 * Bright colours that read well on the dark floor, differ from the gold coins and from each
 * other. The server still adjusts a colour too close to another player's in the same room.
 */
const STARTER_COLORS = [0xf53d3d, 0x3d99f5, 0x3df53d, 0xf53df5, 0x3df5f5, 0xd47311, 0xef8fbf];

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: nothing is remembered, everything else works
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // See read().
  }
}

/** The name as the server will see it: cleaned and cut to length; '' when unusable. */
export function normalizeName(raw: string): string {
  return cleanText(raw).slice(0, NAME_MAX_LENGTH);
}

export function loadName(): string {
  return normalizeName(read(NAME_KEY) ?? '');
}

export function saveName(name: string): void {
  write(NAME_KEY, normalizeName(name));
}

export function loadColor(): number {
  const stored = Number.parseInt(read(COLOR_KEY) ?? '', 10);
  if (Number.isInteger(stored) && stored >= 0 && stored <= 0xffffff) return stored;
  const color = STARTER_COLORS[Math.floor(Math.random() * STARTER_COLORS.length)] ?? 0x40c4ff;
  saveColor(color);
  return color;
}

export function saveColor(color: number): void {
  write(COLOR_KEY, String(color));
}

export function colorToCss(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

export function cssToColor(css: string): number {
  const value = Number.parseInt(css.replace('#', ''), 16);
  return Number.isInteger(value) ? value : 0;
}

const PUBLIC_KEY = 'arena.publicRooms';

/** New rooms are public unless the player once chose otherwise: quick play and the list need them. */
export function loadPublicRooms(): boolean {
  return read(PUBLIC_KEY) !== 'false';
}

export function savePublicRooms(isPublic: boolean): void {
  write(PUBLIC_KEY, String(isPublic));
}

const MUTED_KEY = 'arena.muted';

/** Sounds are on unless the player once turned them off on this device. */
export function loadMuted(): boolean {
  return read(MUTED_KEY) === 'true';
}

export function saveMuted(muted: boolean): void {
  write(MUTED_KEY, String(muted));
}
