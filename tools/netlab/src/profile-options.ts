/**
 * How netlab's commands read the link profiles they are given (`--profile far`, `--profiles
 * lan,far`) and their other lists: a name netlab does not know is refused with the names it
 * does, and an empty list or item (`--profiles ''`, `lan,`) is named as such, not as a profile
 * with no name.
 */
import { UsageError } from '@arena/devkit';
import {
  isLinkProfileName,
  LinkProfiles,
  type LinkProfileName,
} from '@arena/shared/netcode/client';

const PROFILE_NAMES = Object.keys(LinkProfiles).join(', ');

/** `name` as a link profile, given as option `option`. */
export function profileOption(option: string, name: string): LinkProfileName {
  if (isLinkProfileName(name)) return name;
  const what = name === '' ? 'an empty profile name' : `unknown profile "${name}"`;
  throw new UsageError(`--${option}: ${what}; the profiles are ${PROFILE_NAMES}`);
}

/** Option `option`'s comma-separated items, each read by `read`; `fallback` when not given. */
export function listOption<T>(
  option: string,
  raw: string | undefined,
  fallback: readonly T[],
  read: (item: string) => T,
): readonly T[] {
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new UsageError(`--${option} needs at least one value`);
  return raw.split(',').map((item) => read(item.trim()));
}
