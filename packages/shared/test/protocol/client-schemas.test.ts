import { describe, expect, it } from 'vitest';
import { clientEventSchemas, type ClientEventName } from '../../src/protocol/events.js';
import { GOOD_PAYLOADS, REQUIRED_FIELDS, wrongTypesFor } from './client-payloads.js';

const EVENTS = Object.keys(clientEventSchemas) as ClientEventName[];

function accepts(event: ClientEventName, payload: unknown): boolean {
  return clientEventSchemas[event].safeParse(payload).success;
}

function without(payload: object, field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  delete copy[field];
  return copy;
}

it('has a good payload for every client event, and no more', () => {
  expect(Object.keys(GOOD_PAYLOADS).sort()).toEqual([...EVENTS].sort());
});

describe.each(EVENTS)('%s', (event) => {
  const good: Record<string, unknown> = GOOD_PAYLOADS[event];
  const fields = Object.keys(good);

  it('accepts a good payload, with and without its optional fields', () => {
    expect(accepts(event, good)).toBe(true);
    const minimal = Object.fromEntries(REQUIRED_FIELDS[event].map((f) => [f, good[f]]));
    expect(accepts(event, minimal)).toBe(true);
  });

  it('rejects payloads that are not objects', () => {
    for (const junk of [undefined, null, 0, 'x', true, [], [good], () => good]) {
      expect(accepts(event, junk), typeof junk).toBe(false);
    }
  });

  it('rejects a payload missing any required field', () => {
    for (const field of REQUIRED_FIELDS[event]) {
      expect(accepts(event, without(good, field)), field).toBe(false);
    }
  });

  it('rejects a wrong type in any field', () => {
    for (const field of fields) {
      for (const wrong of wrongTypesFor(good[field])) {
        expect(
          accepts(event, { ...good, [field]: wrong }),
          `${field}=${JSON.stringify(wrong)}`,
        ).toBe(false);
      }
      expect(accepts(event, { ...good, [field]: undefined }), `${field}=undefined`).toBe(
        !REQUIRED_FIELDS[event].includes(field),
      );
    }
  });

  it('rejects extra fields', () => {
    expect(accepts(event, { ...good, extra: 1 })).toBe(false);
    expect(accepts(event, { ...good, x: 100, y: 100 })).toBe(false);
  });

  it('rejects __proto__ and constructor keys, and pollutes nothing', () => {
    const json = JSON.stringify(good);
    const withKey = (key: string) =>
      JSON.parse(
        `{"${key}":{"polluted":true}${json === '{}' ? '' : ','}${json.slice(1)}`,
      ) as object;
    expect(Object.keys(withKey('__proto__'))).toContain('__proto__');
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString']) {
      expect(accepts(event, withKey(key)), key).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects NaN and ±Infinity in every number field, and huge strings in every text field', () => {
    for (const field of fields) {
      if (typeof good[field] === 'number') {
        // Integer fields also have a range; 2^60 is past every one of them.
        const tooBig = Number.isInteger(good[field]) ? [2 ** 60] : [];
        for (const bad of [Number.NaN, Infinity, -Infinity, ...tooBig]) {
          expect(accepts(event, { ...good, [field]: bad }), `${field}=${bad}`).toBe(false);
        }
      }
      if (typeof good[field] === 'string') {
        expect(accepts(event, { ...good, [field]: 'a'.repeat(1_000_000) }), field).toBe(false);
      }
    }
  });

  it('does not change a good payload beyond cleaning it', () => {
    expect(clientEventSchemas[event].parse(good)).toEqual(good);
  });
});
