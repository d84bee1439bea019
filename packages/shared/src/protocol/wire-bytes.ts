/**
 * Bytes in and out of the binary frames (snapshots, inputs): a growable writer and a bounded
 * reader, with LEB128 varints (7 bits a byte, low bits first, the high bit set on every byte
 * but the last: protobuf's) and zigzag for signed values (0, −1, 1, −2, … as 0, 1, 2, 3, …).
 * Integers stay within what a double holds exactly; no 32-bit operators, so nothing wraps.
 */

/** What a reader throws; each frame's decoder names its own subclass. */
export class WireDecodeError extends Error {
  override name = 'WireDecodeError';
}

/** The longest varint a frame may hold: five bytes carry 35 bits, enough for any u32. */
const MAX_VARINT_BYTES = 5;

export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

export class ByteWriter {
  private bytes: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialBytes = 256) {
    this.bytes = new Uint8Array(initialBytes);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Starts a new frame in the same memory. */
  reset(): this {
    this.length = 0;
    return this;
  }

  u8(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  u16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  /** A non-negative integer (callers keep it within 2^35). */
  varint(value: number): void {
    this.reserve(MAX_VARINT_BYTES);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
  }

  svarint(value: number): void {
    this.varint(zigzag(value));
  }

  /** A copy of what was written: the caller may keep it while this writer is reused. */
  copy(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

type DecodeErrorClass = new (message: string) => WireDecodeError;

export class ByteReader {
  private readonly view: DataView;
  private at = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly Failure: DecodeErrorClass,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  fail(message: string): never {
    throw new this.Failure(message);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.at++]!;
  }

  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.at, true);
    this.at += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.at, true);
    this.at += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.at, true);
    this.at += 8;
    return value;
  }

  /** A varint no larger than `max`. */
  varint(max = 0xffff_ffff): number {
    let value = 0;
    let scale = 1;
    for (let n = 0; n < MAX_VARINT_BYTES; n++) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (value > max) this.fail(`value ${value} out of range`);
        return value;
      }
      scale *= 0x80;
    }
    return this.fail('varint too long');
  }

  /** A zigzag varint within ±`maxMagnitude`. */
  svarint(maxMagnitude = 0x7fff_ffff): number {
    return unzigzag(this.varint(maxMagnitude * 2 + 1));
  }

  /** A count of entries, each at least one byte long: never more than the bytes left. */
  count(): number {
    const count = this.varint();
    if (count > this.remaining) this.fail('count points past the end');
    return count;
  }

  end(): void {
    if (this.remaining !== 0) this.fail('trailing bytes');
  }

  private need(count: number): void {
    if (this.at + count > this.bytes.length) this.fail('truncated');
  }
}

/** Whatever a socket delivered, as bytes; anything that is not binary is a decode error. */
export function bytesOf(frame: unknown, Failure: DecodeErrorClass): Uint8Array {
  if (frame instanceof Uint8Array) return frame;
  if (frame instanceof ArrayBuffer) return new Uint8Array(frame);
  if (ArrayBuffer.isView(frame)) {
    return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
  }
  throw new Failure('frame is not binary');
}
