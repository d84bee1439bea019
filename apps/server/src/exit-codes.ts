/**
 * How the server's process ends when it cannot start, so whatever runs it (systemd, the
 * cluster launcher) can tell a setting to fix from a failure worth a restart.
 */

/** A configuration the schema refuses: restarting with the same settings cannot help. */
export const EXIT_BAD_CONFIG = 2;
/** A port or address the system refuses. */
export const EXIT_CANNOT_LISTEN = 1;
