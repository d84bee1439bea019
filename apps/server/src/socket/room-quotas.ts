/**
 * Rooms are not a free resource, and private codes are not a free guess. Per client address:
 * - at most MAX_ROOMS_PER_IP rooms at once: a room counts against the address that created it
 *   while its creator's seat is in it (playing, or held for their return). Create, drop and
 *   repeat therefore stops at that many rooms, each closing when its held seat's grace ends;
 * - at most ROOMS_OPENED_PER_MIN_PER_IP creations a minute (quick play that opens a room
 *   included), so the cap cannot be churned through either;
 * - at most CODE_MISSES_PER_MIN_PER_IP joins by a code that names no room. Past it,
 *   every join by code from that address is refused unanswered, found or not, until it
 *   refills: a refusal that still told "found" from "not found" would go on answering guesses.
 * Addresses are counted as every other per-address limit counts them (client-address.ts).
 */
import { ErrorCode } from '@arena/shared/protocol';
import type { ServerConfig } from '../config.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { monotonicNow } from '../timers.js';
import { AddressBuckets } from './address-buckets.js';

export interface QuotaRefusal {
  code: ErrorCode;
  message: string;
}

const perMinute = (count: number) => ({ capacity: count, perSecond: count / 60 });

export class RoomQuotas {
  private readonly creations: AddressBuckets;
  private readonly codeMisses: AddressBuckets;

  constructor(
    private readonly config: ServerConfig,
    now: () => number = monotonicNow,
  ) {
    this.creations = new AddressBuckets(perMinute(config.ROOMS_OPENED_PER_MIN_PER_IP), now);
    this.codeMisses = new AddressBuckets(perMinute(config.CODE_MISSES_PER_MIN_PER_IP), now);
  }

  /** Why `address` may not open a room now, or undefined (and the creation is counted). */
  refuseCreation(address: string, rooms: RoomRegistry): QuotaRefusal | undefined {
    if (rooms.ownedBy(address) >= this.config.MAX_ROOMS_PER_IP) {
      return {
        code: ErrorCode.TooManyRooms,
        message: `Your address already has ${this.config.MAX_ROOMS_PER_IP} rooms open; play in one of them.`,
      };
    }
    if (!this.creations.take(address)) {
      return {
        code: ErrorCode.RateLimited,
        message: 'Rooms are being opened from your address too fast; wait a minute.',
      };
    }
    return undefined;
  }

  /** Why `address` may not try a room code now, or undefined. */
  refuseCodeAttempt(address: string): QuotaRefusal | undefined {
    if (this.codeMisses.has(address)) return undefined;
    return {
      code: ErrorCode.RateLimited,
      message: 'Too many wrong room codes from your address; wait a minute.',
    };
  }

  /** `address` tried a code that names no room. */
  countCodeMiss(address: string): void {
    this.codeMisses.take(address);
  }
}
