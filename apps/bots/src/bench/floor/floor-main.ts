/**
 * The floor server as a process of its own, so the CPU and bytes the benchmark reads from
 * /proc are the server's alone. Started by the bench with an IPC channel: it says where it
 * listens, answers `counters` requests, and stops on `stop` or SIGTERM.
 */
import { FloorServer, type FloorCounters } from './floor-server.js';

export type FloorRequest = { type: 'counters' } | { type: 'stop' };
export type FloorReply =
  { type: 'listening'; port: number } | { type: 'counters'; counters: FloorCounters };

const send = (reply: FloorReply) => process.send?.(reply);
const playersPerRoom = Number(process.env.FLOOR_PLAYERS_PER_ROOM ?? '10');
const server = new FloorServer({ playersPerRoom });

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('message', (request: FloorRequest) => {
  if (request.type === 'counters') send({ type: 'counters', counters: server.counters() });
  if (request.type === 'stop') stop();
});
// The parent going away leaves nobody to stop us.
process.on('disconnect', stop);
send({ type: 'listening', port: await server.listening() });
