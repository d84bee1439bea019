/** The suite's own snapshot reader, on a frame built byte by byte from PROTOCOL.md §7. */
import { describe, expect, it } from 'vitest';
import { LayoutError, readSnapshot } from '../src/snapshot-layout.js';

/** The page's worked example: tick 1, round 1 playing, 5399 ticks left, one player, one ack. */
function exampleFrame(): Uint8Array {
  const bytes = new Uint8Array(47);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x53);
  view.setUint8(1, 1);
  view.setUint32(2, 1, true);
  view.setFloat64(6, 1_795_785_391_713.5, true);
  view.setUint16(14, 1, true);
  view.setUint8(16, 0);
  view.setUint32(17, 5399, true);
  view.setUint8(21, 1); // one player
  view.setUint16(22, 7, true);
  view.setUint16(24, 100 * 16, true);
  view.setUint16(26, 200 * 16 + 8, true);
  view.setInt16(28, -240 * 16, true);
  view.setInt16(30, 0, true);
  view.setUint16(32, 3, true);
  view.setUint8(38, 1); // flags: connected
  view.setUint8(39, 0); // no coin
  view.setUint8(40, 1); // one ack
  view.setUint16(41, 7, true);
  view.setUint32(43, 42, true);
  return bytes;
}

describe('readSnapshot (PROTOCOL.md §7)', () => {
  it('reads the header and the three tables in sixteenths', () => {
    const snapshot = readSnapshot(exampleFrame());
    expect(snapshot).toMatchObject({ tick: 1, round: 1, phase: 0, ticksLeft: 5399 });
    expect(snapshot.players).toEqual([
      { id: 7, x: 100, y: 200.5, vx: -240, vy: 0, score: 3, connected: true },
    ]);
    expect(snapshot.coins).toEqual([]);
    expect(snapshot.acks).toEqual([{ playerId: 7, seq: 42 }]);
  });

  it('refuses another magic byte, another codec version, a short frame or a byte too many', () => {
    const magic = exampleFrame();
    magic[0] = 0x54;
    const version = exampleFrame();
    version[1] = 2;
    const long = new Uint8Array(48);
    long.set(exampleFrame());
    for (const frame of [magic, version, exampleFrame().slice(0, 40), long])
      expect(() => readSnapshot(frame)).toThrow(LayoutError);
  });
});
