/**
 * A WebSocket spoken by hand over a plain TCP socket, for what no WebSocket library will do:
 * many frames in one TCP write, a reset instead of a close, an upgrade left half done, bytes
 * that are not frames at all. Frames from the server are read just well enough to see text
 * messages and the close code.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A masked client frame: `opcode` 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong;
 * `fin` false for a fragment that more of its message follows.
 */
export function clientFrame(payload: string | Buffer, opcode = 1, fin = true): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = data.length;
  const first = (fin ? 0x80 : 0) | opcode;
  const header =
    length < 126
      ? Buffer.from([first, 0x80 | length])
      : length < 65536
        ? Buffer.from([first, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([
            Buffer.from([first, 0x80 | 127]),
            (() => {
              const big = Buffer.alloc(8);
              big.writeBigUInt64BE(BigInt(length));
              return big;
            })(),
          ]);
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = data[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

export interface RawTcpOptions {
  /** Request path, e.g. `/socket.io/?EIO=4&transport=websocket` or `/echo`. */
  path: string;
  headers?: Record<string, string>;
}

export class RawTcp {
  /** Text messages received, in order. */
  readonly texts: string[] = [];
  /** The status line the server answered the upgrade with. */
  statusLine = '';
  /** The close code the server sent, if it sent a close frame. */
  closeCode: number | undefined;
  /** How the socket ended: a reset (`ECONNRESET`) is not a close. */
  endedBy: 'open' | 'closed' | 'reset' = 'open';
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly closedPromise: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.closedPromise = new Promise((resolve) => {
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET') this.endedBy = 'reset';
      });
      socket.on('close', () => {
        if (this.endedBy === 'open') this.endedBy = 'closed';
        resolve();
      });
    });
  }

  /** Connects and sends the upgrade request; does not wait for the answer. */
  static open(port: number, options: RawTcpOptions): RawTcp {
    const socket = connect(port, '127.0.0.1');
    const raw = new RawTcp(socket);
    const headers = {
      Host: `127.0.0.1:${port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...options.headers,
    };
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${options.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
    return raw;
  }

  /** Connects, upgrades, and waits for the upgrade's answer (101 or a refusal). */
  static async upgrade(port: number, options: RawTcpOptions, timeoutMs = 3000): Promise<RawTcp> {
    const raw = RawTcp.open(port, options);
    await raw.until(() => raw.statusLine !== '' || raw.endedBy !== 'open', timeoutMs);
    return raw;
  }

  get accepted(): boolean {
    return this.statusLine.includes(' 101 ');
  }

  /** Sends these frames in one TCP write. */
  write(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  /** Sends text messages, all in one TCP write. */
  sendTexts(texts: readonly string[]): void {
    this.write(...texts.map((t) => clientFrame(t)));
  }

  /** Ends with a TCP reset: no close frame, no FIN. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  /** Resolves once the socket has closed (either way), or rejects after `timeoutMs`. */
  closed(timeoutMs = 5000): Promise<void> {
    return Promise.race([
      this.closedPromise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
  }

  /** Resolves once `condition()` holds, checking on every byte received and every 10 ms. */
  until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = (): void => {
        if (condition()) return resolve();
        if (Date.now() > deadline) return reject(new Error('raw tcp: timed out'));
        setTimeout(check, 10);
      };
      check();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.statusLine = this.buffer.subarray(0, this.buffer.indexOf('\r\n')).toString();
      this.buffer = this.buffer.subarray(end + 4);
      this.upgraded = true;
    }
    this.readFrames();
  }

  /** Server frames are unmasked: opcode, length, payload. */
  private readFrames(): void {
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 1) this.texts.push(payload.toString());
      if (opcode === 8 && payload.length >= 2) this.closeCode = payload.readUInt16BE(0);
    }
  }
}
