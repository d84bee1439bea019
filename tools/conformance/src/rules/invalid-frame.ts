import WebSocket from 'ws';
import { BinaryEvent, PROTOCOL_VERSION, SOCKET_PATH, Snapshot } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';

/** The raw frames of §1's table, on a bare WebSocket, no socket.io library. */
function openRaw(url: string): Promise<{ ws: WebSocket; frames: string[] }> {
  const wsUrl = `${url.replace(/^http/, 'ws')}${SOCKET_PATH}?EIO=4&transport=websocket`;
  const ws = new WebSocket(wsUrl);
  const frames: string[] = [];
  return new Promise((resolve, reject) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = (data as Buffer).toString();
      frames.push(frame);
      if (frame.startsWith('0{'))
        ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`);
      if (frame.startsWith('40')) resolve({ ws, frames });
      if (frame === '2') ws.send('3');
    });
    ws.once('error', reject);
    ws.once('close', () => reject(new Error(`closed during the handshake: ${frames.join(' | ')}`)));
  });
}

function closedWithin(ws: WebSocket, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the connection stayed open')), timeoutMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A room made over raw frames: its first snapshot is one binary message, then bad binary. */
async function binaryFrames(url: string): Promise<void> {
  const { ws } = await openRaw(url);
  try {
    const first = new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no binary message')), 5000);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return;
        clearTimeout(timer);
        resolve(data as Buffer);
      });
    });
    ws.send(`42${JSON.stringify(['room:create', { name: 'Raw', isPublic: false }])}`);
    const bytes = await first;
    check(bytes[0] === BinaryEvent.snapshot, `a binary message starting ${bytes[0]}`);
    check(bytes[1] === Snapshot.keyframe, 'the first snapshot is not a keyframe');
    check(bytes[2] === Snapshot.codecVersion, `codec version ${bytes[2]}`);
    ws.send('42["room:leave",{}]');
    const closed = closedWithin(ws, 5000);
    // Not a binary event's header: the server cannot read it, and closes.
    ws.send(Buffer.from([0x7f, 1, 2, 3]));
    await closed;
  } finally {
    ws.terminate();
  }
}

export const invalidFrame: Rule = {
  id: 'invalid-frame',
  section: '§1',
  says: 'raw frames as in §1, a snapshot one binary message; an offset follows kept events; a frame that does not parse (JSON, or a binary header) closes the connection',
  async run(ctx) {
    await binaryFrames(ctx.url);
    const { ws, frames } = await openRaw(ctx.url);
    try {
      ws.send(`42${JSON.stringify(['time:ping', { clientTimeMs: 1 }])}`);
      const pong = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no time:pong frame')), 5000);
        ws.on('message', (data) => {
          const frame = (data as Buffer).toString();
          if (!frame.startsWith('42["time:pong"')) return;
          clearTimeout(timer);
          resolve(frame);
        });
      });
      const args = JSON.parse(pong.slice(2)) as unknown[];
      check(typeof args[1] === 'object', 'time:pong payload is not the first argument');
      check(args.length <= 3, `time:pong carried ${args.length - 1} arguments`);
      const closed = closedWithin(ws, 5000);
      ws.send('42["chat:send",{"text":');
      await closed;
      check(frames[0]?.startsWith('0{'), 'the first frame is not the Engine.IO open packet');
    } finally {
      ws.terminate();
    }
  },
};
