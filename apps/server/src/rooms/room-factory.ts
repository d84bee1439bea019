/**
 * How this server builds its rooms: all with the same settings, read from the configuration
 * once (the simulation's rates and round lengths, the limits on players, spectators and chat,
 * the reconnect grace, the input slots' bounds), each with its own code, name, seed, step
 * function and channel.
 */
import type { Schedule, StepFunction } from '@arena/shared/netcode/server';
import { DEFAULT_SIM_CONFIG, stepInPlace } from '@arena/shared/sim';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { RoomChannels } from './room-channel.js';
import { Room, type RoomContext, type RoomLog, type RoomOptions } from './room.js';

/** What every room of this server shares. */
type RoomSettings = Omit<RoomOptions, 'code' | 'name' | 'isPublic' | 'seed' | 'step'>;

/** What rooms are built with, besides the configuration. */
export interface RoomParts {
  channels: RoomChannels;
  log: RoomLog;
  metrics: Metrics;
  schedule: Schedule;
  /** Each new room's step function; the game's own `step` unless a test wraps it. */
  roomStep?: ((roomCode: string) => StepFunction) | undefined;
}

export type BuildRoom = (
  code: string,
  name: string,
  isPublic: boolean,
  onClosed: RoomContext['onClosed'],
) => Room;

export function roomFactory(config: ServerConfig, parts: RoomParts): BuildRoom {
  const settings = roomSettings(config);
  const { channels, log, metrics, schedule, roomStep } = parts;
  return (code, name, isPublic, onClosed) =>
    new Room(
      {
        ...settings,
        code,
        name,
        isPublic,
        seed: Math.floor(Math.random() * 0xffff_ffff),
        step: roomStep?.(code) ?? stepInPlace,
      },
      { channel: channels(code), log, metrics, schedule, onClosed },
    );
}

function roomSettings(config: ServerConfig): RoomSettings {
  return {
    maxPlayers: config.MAX_PLAYERS_PER_ROOM,
    maxSpectators: config.MAX_SPECTATORS_PER_ROOM,
    simConfig: {
      ...DEFAULT_SIM_CONFIG,
      tickRateHz: config.TICK_RATE_HZ,
      roundSeconds: config.ROUND_SECONDS,
      intermissionSeconds: config.INTERMISSION_SECONDS,
    },
    snapshotRateHz: config.SNAPSHOT_RATE_HZ,
    graceMs: config.RECONNECT_GRACE_SECONDS * 1000,
    inputSlots: {
      bufferTicks: config.INPUT_BUFFER_TICKS,
      minBufferTicks: config.INPUT_BUFFER_MIN_TICKS,
      maxBacklog: config.INPUT_BACKLOG_MAX,
    },
    chatHistorySize: config.CHAT_HISTORY_SIZE,
  };
}
