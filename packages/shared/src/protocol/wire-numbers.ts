/**
 * How a number goes on the wire in a binary frame: little-endian integers of a few sizes,
 * clamped to what the size holds (the simulation keeps its values in range; a clamp keeps a
 * bug from wrapping around into nonsense).
 */
export const WireType = { U8: 'u8', U16: 'u16', I16: 'i16', U32: 'u32' } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export interface WireNumber {
  bytes: number;
  write(view: DataView, at: number, value: number): void;
  read(view: DataView, at: number): number;
}

export function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

export const WIRE_NUMBERS: Record<WireType, WireNumber> = {
  u8: {
    bytes: 1,
    write: (view, at, value) => view.setUint8(at, clampInt(value, 0, 0xff)),
    read: (view, at) => view.getUint8(at),
  },
  u16: {
    bytes: 2,
    write: (view, at, value) => view.setUint16(at, clampInt(value, 0, 0xffff), true),
    read: (view, at) => view.getUint16(at, true),
  },
  i16: {
    bytes: 2,
    write: (view, at, value) => view.setInt16(at, clampInt(value, -0x8000, 0x7fff), true),
    read: (view, at) => view.getInt16(at, true),
  },
  u32: {
    bytes: 4,
    write: (view, at, value) => view.setUint32(at, clampInt(value, 0, 0xffff_ffff), true),
    read: (view, at) => view.getUint32(at, true),
  },
};
