/** The numbers of docs/PROTOCOL.md §7, read from a frame: u8, f64, varint, svarint. */

/** A column's (or a field's) range, inclusive. */
export type Range = readonly [number, number] | { readonly min: number; readonly max: number };

const MAX_VARINT_BYTES = 5;

/** `floor((2n + d) / (2d))`: n / d rounded half up, in exact integer arithmetic. */
export function divRoundHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

export class WireReader {
  private at = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fail: (message: string) => Error,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.at === this.bytes.byteLength;
  }

  u8(): number {
    if (this.at >= this.bytes.byteLength) throw this.fail(`truncated at byte ${this.at}`);
    return this.bytes[this.at++]!;
  }

  f64(): number {
    if (this.at + 8 > this.bytes.byteLength) throw this.fail(`truncated at byte ${this.at}`);
    const value = this.view.getFloat64(this.at, true);
    this.at += 8;
    return value;
  }

  /** LEB128: 7 bits a byte, low bits first, the high bit on every byte but the last. */
  varint(): number {
    let value = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw this.fail(`a varint over ${MAX_VARINT_BYTES} bytes`);
  }

  /** Zigzag: 0, 1, 2, 3, … are 0, −1, 1, −2, … */
  svarint(): number {
    const zigzag = this.varint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  ranged(value: number, range: Range): number {
    const [min, max] = 'min' in range ? [range.min, range.max] : range;
    if (!(value >= min && value <= max)) throw this.fail(`${value} is outside ${min} … ${max}`);
    return value;
  }
}
