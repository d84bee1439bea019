/**
 * The owner's side of forwarding: what a process does with the events and requests that other
 * processes send it for members of the rooms it runs. A member's event runs through the very
 * handler it would have met on its own process (room-handlers.ts, play-handlers.ts), with a
 * context that has no socket: errors go to the member through socket.io's adapter. A request
 * for a room that is not here (it moved a moment ago) is answered `MOVED`, and its sender
 * looks for the room again.
 */
import { clientEventSchemas } from '@arena/shared/protocol';
import { roomCodeOfToken } from '../rooms/seat.js';
import { errorSender } from '../send-error.js';
import type { GameServices } from '../services.js';
import type { MemberContext } from '../socket/handler-context.js';
import { handleChat, handleInput } from '../socket/play-handlers.js';
import { handleJoin, handleLeave } from '../socket/room-handlers.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { MemberHomes } from './member-homes.js';
import type { ForwardedEvent, InboxMessage, Reply } from './messages.js';
import type { Messenger } from './messenger.js';
import type { Takeovers } from './takeovers.js';

/** A request's answer when the room is not (or no longer) on this process. */
export const MOVED = 'MOVED';

type Request = Exclude<InboxMessage, Reply>;
type EventMessage = Extract<Request, { kind: 'event' }>;

const HANDLERS: Record<ForwardedEvent, (ctx: MemberContext, payload: never) => void> = {
  'room:join': handleJoin,
  'room:leave': handleLeave,
  'player:input': handleInput,
  'chat:send': handleChat,
};

export class OwnerDesk {
  constructor(
    private readonly services: GameServices,
    private readonly messenger: Messenger,
    private readonly metrics: ClusterMetrics,
    private readonly homes: MemberHomes,
    private readonly takeovers: Takeovers,
  ) {}

  handle(message: Request): void {
    const { rooms } = this.services;
    switch (message.kind) {
      case 'event':
        return this.event(message);
      case 'resume': {
        const code = roomCodeOfToken(message.token);
        if (!code || !rooms.get(code)) return this.answer(message, false, MOVED);
        const ok = rooms.resumePlayer(message.member, message.token) !== undefined;
        if (ok) this.homes.note(message.member, message.from);
        return this.answer(message, ok);
      }
      case 'watch': {
        if (!rooms.get(message.code)) return this.answer(message, false, MOVED);
        const note = { code: message.code, name: message.name };
        const ok = rooms.resumeSpectator(message.member, note) !== undefined;
        if (ok) this.homes.note(message.member, message.from);
        return this.answer(message, ok);
      }
      case 'detach':
        if (rooms.roomOf(message.member)?.code === message.code) rooms.detach(message.member);
        return;
      case 'reattach':
        this.takeovers.reattach(message.member, message.code);
        if (rooms.roomOf(message.member)) this.homes.note(message.member, message.from);
        return;
    }
  }

  private event(message: EventMessage): void {
    const { rooms } = this.services;
    const parsed = clientEventSchemas[message.event].safeParse(message.payload);
    if (!parsed.success) return;
    const { member } = message;
    if (message.event === 'player:input') {
      this.metrics.forwardLatency.observe(
        Math.max(0, this.services.clock() - message.sentAtMs) / 1000,
      );
      // Just left, or dropped while its process was cut off from Redis: no error for an input.
      if (!rooms.roomOf(member) && !this.homes.comeBack(member)) {
        this.metrics.inputsDroppedInTransit += 1;
        return;
      }
    }
    if (message.event === 'room:join' && !rooms.get((parsed.data as { code: string }).code))
      return this.answer(message, false, MOVED);
    let refused: string | undefined;
    const toMember = errorSender(
      (error) => this.services.io.to(member).emit('error', error),
      this.services.metrics,
    );
    const ctx: MemberContext = {
      member,
      address: message.address,
      services: this.services,
      room: rooms.roomOf(member),
      fail: (code, text) => {
        refused = code;
        if (!message.quiet) toMember(code, text, message.event);
      },
    };
    HANDLERS[message.event](ctx, parsed.data as never);
    if (message.from && rooms.roomOf(member)) this.homes.note(member, message.from);
    this.answer(message, refused === undefined, refused);
  }

  private answer(
    message: Request & { from?: string; id?: string },
    ok: boolean,
    error?: string,
  ): void {
    if (message.from && message.id) this.messenger.reply(message.from, message.id, ok, error);
  }
}
