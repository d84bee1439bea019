/**
 * The wire protocol's version. Bump it whenever an event, a payload or the snapshot layout
 * changes incompatibly; the server refuses a handshake that names another version.
 */
export const PROTOCOL_VERSION = 3;
