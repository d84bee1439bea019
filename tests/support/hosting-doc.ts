/**
 * The configuration snippets of docs/HOSTING.md, read from the file itself, so that what a
 * host copies is exactly what the hosting tests run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HOSTING_MD = fileURLToPath(new URL('../../docs/HOSTING.md', import.meta.url));

/** Every fenced code block of HOSTING.md written in `language` (the word after the fence). */
export function snippets(language: string): string[] {
  const text = readFileSync(HOSTING_MD, 'utf8');
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...text.matchAll(fence)].map((match) => match[1]!);
}

/** First lines of the one-process proxy snippets; the cluster's start with a comment. */
export const SINGLE_NGINX = /^map /;
export const SINGLE_CADDY = /^arena\.example\.org \{$/;
export const CLUSTER_NGINX = /^# .*for a cluster/;
export const CLUSTER_CADDY = /^# Caddyfile for a cluster$/;

/** The one snippet in `language` (whose first line matches `firstLine`, when given). */
export function snippet(language: string, firstLine?: RegExp): string {
  const found = snippets(language).filter((s) => !firstLine || firstLine.test(s.split('\n')[0]!));
  if (found.length !== 1) {
    throw new Error(`HOSTING.md has ${found.length} ${language} snippets, expected exactly one`);
  }
  return found[0]!;
}

/**
 * Replaces `from` (which must occur exactly once) with `to`: a test swaps only what it must
 * (certificate paths, ports) and fails loudly when the doc no longer says what it expects.
 */
export function swap(text: string, from: string, to: string): string {
  const parts = text.split(from);
  if (parts.length !== 2) {
    throw new Error(`expected "${from}" once in the snippet, found it ${parts.length - 1} times`);
  }
  return parts.join(to);
}
