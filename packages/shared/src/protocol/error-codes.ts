/** Every error the server can send as `error {code, message}`; documented in docs/PROTOCOL.md. */
export const ErrorCode = {
  /** The payload did not match the event's schema. */
  InvalidPayload: 'INVALID_PAYLOAD',
  /** The event name is not part of the protocol. */
  UnknownEvent: 'UNKNOWN_EVENT',
  /** The handshake named another protocol version. */
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  RoomNotFound: 'ROOM_NOT_FOUND',
  RoomFull: 'ROOM_FULL',
  /** The server already runs as many rooms as it may, or the client's address has its share. */
  TooManyRooms: 'TOO_MANY_ROOMS',
  NotInRoom: 'NOT_IN_ROOM',
  AlreadyInRoom: 'ALREADY_IN_ROOM',
  /** A spectator sent something only players may send. */
  SpectatorCannotPlay: 'SPECTATOR_CANNOT_PLAY',
  /** Too many events of one kind; keep going and the socket is disconnected. */
  RateLimited: 'RATE_LIMITED',
  /** Too many connections from one address, or in total. */
  TooManyConnections: 'TOO_MANY_CONNECTIONS',
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  /** The room failed and was closed; its players are back in the lobby. */
  RoomClosed: 'ROOM_CLOSED',
  /** Another tab took over this session's seat. */
  SessionReplaced: 'SESSION_REPLACED',
  /** The server is restarting; reconnect in a moment. */
  ServerShuttingDown: 'SERVER_SHUTTING_DOWN',
  /**
   * A server of a cluster cannot reach the store the cluster shares (Redis): it makes no new
   * rooms, and rooms it runs pause, until the store is back.
   */
  ClusterUnavailable: 'CLUSTER_UNAVAILABLE',
  /**
   * A snapshot mirror was refused at the handshake: no seat holds its session token here, or
   * this server cannot give one (a cluster's).
   */
  MirrorRefused: 'MIRROR_REFUSED',
  /** A snapshot mirror sent an event only the seat's main connection may send. */
  MirrorOnly: 'MIRROR_ONLY',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
