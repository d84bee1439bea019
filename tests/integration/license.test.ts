/** A fork may only be hosted if the licence says so: one LICENSE, named by every package. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function readJson(path: string): { license?: string; workspaces?: string[] } {
  return JSON.parse(readFileSync(`${REPO_ROOT}/${path}`, 'utf8')) as never;
}

/** The root manifest and every workspace package it names (`apps/*` expanded). */
function manifests(): string[] {
  const folders = (readJson('package.json').workspaces ?? []).flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(`${REPO_ROOT}/${pattern.slice(0, -2)}`).map(
          (name) => `${pattern.slice(0, -1)}${name}`,
        )
      : [pattern],
  );
  return [
    'package.json',
    ...folders
      .map((folder) => `${folder}/package.json`)
      .filter((file) => existsSync(`${REPO_ROOT}/${file}`)),
  ];
}

describe('licence', () => {
  it('is MIT, in LICENSE at the root', () => {
    const text = readFileSync(`${REPO_ROOT}/LICENSE`, 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Arena contributors\n/);
  });

  it('is named by every workspace package', () => {
    const files = manifests();
    expect(files).toContain('apps/server/package.json');
    for (const file of files) expect(readJson(file).license, file).toBe('MIT');
  });
});
