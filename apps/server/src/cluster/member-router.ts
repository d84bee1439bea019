/**
 * The member's side of a cluster, for the events a member sends: each one is handled here by
 * its usual handler when the member's room runs here (or it has none), or sent to the process
 * that runs its room, which handles it with the same handler (owner-desk.ts). Entering a room
 * may need Redis first: a code to join is looked up, quick play reads the cluster's lobby, a
 * new room needs a code reserved. Meanwhile the member's later events wait (member-gate.ts).
 */
import { ErrorCode, type ClientPayload } from '@arena/shared/protocol';
import type { GameServices } from '../services.js';
import type { AdmittedEvent } from '../socket/guard.js';
import type { HandlerContext } from '../socket/handler-context.js';
import { failAlreadyInRoom } from '../socket/room-handlers.js';
import { roomCodeOfSocket } from '../socket/socket-room-channel.js';
import type { ClusterLobby } from './cluster-lobby.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { CodeReserve } from './code-reserve.js';
import { isRoomEvent } from './event-places.js';
import type { MemberGates } from './member-gate.js';
import type { MemberPlaces } from './member-places.js';
import type { ForwardedEvent } from './messages.js';
import type { OwnerCalls } from './owner-calls.js';

/** Other processes' rooms quick play tries before it makes one here. */
const QUICK_PLAY_TRIES = 3;

type Join = ClientPayload<'room:join'>;
type QuickPlay = ClientPayload<'room:quickplay'>;

export interface MemberRouterDeps {
  services: GameServices;
  calls: OwnerCalls;
  gates: MemberGates;
  places: MemberPlaces;
  lobby: ClusterLobby;
  codes: CodeReserve;
  metrics: ClusterMetrics;
}

export class MemberRouter {
  constructor(private readonly deps: MemberRouterDeps) {}

  route(ctx: HandlerContext, admitted: AdmittedEvent, handleHere: () => void): void {
    this.deps.gates.run(ctx.member, () => {
      // The event may have waited behind another: what the registry says now is what counts.
      ctx.room = this.deps.services.rooms.roomOf(ctx.member);
      return this.decide(ctx, admitted, handleHere);
    });
  }

  private decide(
    ctx: HandlerContext,
    { event, payload }: AdmittedEvent,
    handleHere: () => void,
  ): void | Promise<void> {
    switch (event) {
      case 'room:create':
        return this.entering(ctx, handleHere, () => this.withCode(handleHere));
      case 'room:join':
        return this.entering(ctx, handleHere, () => this.join(ctx, payload as Join, handleHere));
      case 'room:quickplay':
        return this.entering(ctx, handleHere, () =>
          this.quickPlay(ctx, payload as QuickPlay, handleHere),
        );
      default:
        // Where the rest go is the table's to say (event-places.ts), so a new one is placed.
        return isRoomEvent(event) ? this.inRoom(ctx, event, payload, handleHere) : handleHere();
    }
  }

  /** A member in a room of another process may not enter another (the handler cannot see it). */
  private entering(
    ctx: HandlerContext,
    handleHere: () => void,
    enter: () => void | Promise<void>,
  ): void | Promise<void> {
    const elsewhere = ctx.room ? undefined : roomCodeOfSocket(ctx.socket);
    if (elsewhere) return failAlreadyInRoom(ctx, elsewhere);
    return ctx.room ? handleHere() : enter();
  }

  /** A new room here needs a code reserved in Redis; waits for one if the reserve ran dry. */
  private withCode(handleHere: () => void): void | Promise<void> {
    const { codes, services } = this.deps;
    if (codes.ready || !services.cluster?.reachable) return handleHere();
    return codes.fill().then(handleHere);
  }

  private join(ctx: HandlerContext, payload: Join, handleHere: () => void): void | Promise<void> {
    if (this.deps.services.rooms.get(payload.code)) return handleHere();
    return this.joinElsewhere(ctx, payload, handleHere);
  }

  private async joinElsewhere(ctx: HandlerContext, payload: Join, handleHere: () => void) {
    const { member, address } = ctx;
    const sentAtMs = this.deps.services.clock();
    const message = {
      kind: 'event',
      event: 'room:join',
      member,
      address,
      payload,
      sentAtMs,
    } as const;
    const answer = await this.deps.calls.ask(payload.code, message);
    if (answer === 'here' || answer === 'none') return handleHere();
    if (answer === 'unavailable') return failUnavailable(ctx);
    if (answer.ok)
      this.deps.places.entered(ctx.member, payload.code, payload.spectate ? payload.name : null);
  }

  /** The fullest public room of the cluster with a free seat; a room here wins a tie. */
  private async quickPlay(ctx: HandlerContext, payload: QuickPlay, handleHere: () => void) {
    const { services, lobby, calls, places, codes } = this.deps;
    const here = services.rooms.quickPlayRoom()?.seats.size ?? -1;
    const elsewhere = (await lobby.fresh().catch(() => []))
      .filter((room) => room.players < room.maxPlayers && room.players > here)
      .sort((a, b) => b.players - a.players)
      .slice(0, QUICK_PLAY_TRIES);
    for (const room of elsewhere) {
      const join: Join = { code: room.code, name: payload.name };
      if (payload.color !== undefined) join.color = payload.color;
      const message = {
        kind: 'event',
        event: 'room:join',
        member: ctx.member,
        address: ctx.address,
        payload: join,
      } as const;
      const answer = await calls.ask(room.code, {
        ...message,
        quiet: true,
        sentAtMs: services.clock(),
      });
      if (typeof answer === 'object' && answer.ok)
        return places.entered(ctx.member, room.code, null);
      if (answer === 'here') break;
    }
    if (!codes.ready) await codes.fill();
    handleHere();
  }

  /** An event for the member's room: here, or at the room's process. */
  private inRoom(
    ctx: HandlerContext,
    event: ForwardedEvent,
    payload: unknown,
    handleHere: () => void,
  ): void | Promise<void> {
    const { services, calls, metrics, places } = this.deps;
    const code = ctx.room ? undefined : roomCodeOfSocket(ctx.socket);
    if (code === undefined) return handleHere();
    if (services.rooms.get(code)) {
      // Taken over here a moment ago, and the member is not back in it yet: an input can wait.
      if (event !== 'player:input') return handleHere();
      metrics.inputsDroppedInTransit += 1;
      return;
    }
    const message = {
      kind: 'event',
      event,
      member: ctx.member,
      address: ctx.address,
      payload,
      sentAtMs: services.clock(),
    } as const;
    const known = calls.knows(code);
    const sent = calls.tell(code, message);
    if (event === 'room:leave') places.left(ctx.member);
    // Known owner: sent already, nothing to wait for; otherwise later events wait for the look-up.
    return known ? undefined : sent.then(() => undefined);
  }
}

function failUnavailable(ctx: HandlerContext): void {
  ctx.fail(ErrorCode.ClusterUnavailable, 'That room cannot be reached right now. Try again soon.');
}
