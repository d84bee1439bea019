/** What a room says about itself on the wire, built from its state. */
import type { ServerPayload } from '@arena/shared/protocol';
import type { SimEvent } from '@arena/shared/sim';
import type { RoomOptions } from './room.js';
import type { RoomSimulation } from './room-simulation.js';
import type { Seat } from './seat.js';

type ChatMessage = ServerPayload<'chat:message'>;
type RoundEnded = Extract<SimEvent, { type: 'round-ended' }>;

/** The parts of a room its payloads are made of. */
export interface RoomState {
  code: string;
  options: RoomOptions;
  seats: ReadonlyMap<number, Seat>;
  spectators: ReadonlyMap<string, string>;
  sim: RoomSimulation;
  chatHistory: readonly ChatMessage[];
}

export function playerInfo(seat: Seat): ServerPayload<'player:joined'> {
  return { id: seat.id, name: seat.name, color: seat.color, connected: seat.member !== null };
}

export function joinedPayload(
  room: RoomState,
  role: 'player' | 'spectator',
  seat: Seat | null,
  resumed: boolean,
): ServerPayload<'room:joined'> {
  const { simConfig, snapshotRateHz } = room.options;
  return {
    roomCode: room.code,
    roomName: room.options.name,
    isPublic: room.options.isPublic,
    maxPlayers: room.options.maxPlayers,
    role,
    selfId: seat?.id ?? 0,
    sessionToken: seat?.token ?? '',
    resumed,
    players: [...room.seats.values()].map(playerInfo),
    sim: {
      tickRateHz: simConfig.tickRateHz,
      snapshotRateHz,
      arenaWidth: simConfig.arenaWidth,
      arenaHeight: simConfig.arenaHeight,
      roundSeconds: simConfig.roundSeconds,
      intermissionSeconds: simConfig.intermissionSeconds,
      inputBufferTicks: room.options.inputSlots.bufferTicks,
    },
    chatHistory: [...room.chatHistory],
    spectators: [...room.spectators.values()],
  };
}

/** Who is watching: the players of a room always know who else sees their game and chat. */
export function spectatorsPayload(room: RoomState): ServerPayload<'room:spectators'> {
  return { names: [...room.spectators.values()] };
}

export function roundEndedPayload(
  event: RoundEnded,
  seats: ReadonlyMap<number, Seat>,
): ServerPayload<'round:ended'> {
  const scoreboard = event.scores.map(({ id, score }) => ({
    id,
    score,
    name: seats.get(id)?.name ?? '?',
  }));
  // Everyone with the best score wins (a tie is a tie); nobody wins when nobody scored.
  const best = scoreboard[0]?.score ?? 0;
  const winners = best > 0 ? scoreboard.filter((s) => s.score === best) : [];
  return { round: event.round, winners, winner: winners[0] ?? null, scoreboard };
}

export function lobbyEntry(room: RoomState): ServerPayload<'lobby:rooms'>['rooms'][number] {
  const { round, config } = room.sim.world;
  return {
    code: room.code,
    name: room.options.name,
    players: room.seats.size,
    maxPlayers: room.options.maxPlayers,
    spectators: room.spectators.size,
    round: round.number,
    phase: round.phase,
    secondsLeft: Math.ceil(round.ticksLeft / config.tickRateHz),
  };
}
