/**
 * The most players one room may seat: the largest `MAX_PLAYERS_PER_ROOM` a server accepts, the
 * room size the snapshots' cost is measured at, and the most a bench or tool puts in a room.
 */
export const ROOM_PLAYERS_MAX = 64;
