/**
 * What `npm run dev` asks of Vite: the page on every interface (so a phone on the LAN can open
 * the dev build; Vite prints the Network link), the game server's routes proxied to it, and a
 * proxy that stays quiet when a tab closes or the server restarts.
 */
import { createLogger, type Logger, type UserConfig } from 'vite';

/** apps/server's `dev` script passes the same port (`--dev-client-port`) to its banner. */
export const DEV_PAGE_PORT = 5173;
/**
 * Where `npm run dev` expects the game server (apps/server) to listen: on `PORT`, as the server
 * reads it (`PORT=4000 npm run dev` when 3000 is taken), else the server's default.
 */
export function devGameServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://localhost:${env['PORT'] || 3000}`;
}

/** Errors that only mean one end of a proxied connection went away (a tab closed). */
const PEER_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * Vite logs every proxy error with its stack. A closed tab resets its socket, which is normal:
 * say nothing. A game server that is restarting refuses connections: say so in one line.
 */
export function quietProxyLogger(logger: Logger, gameServerUrl: string): Logger {
  const logError = logger.error.bind(logger);
  logger.error = (message, options) => {
    const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code;
    if (!message.includes('proxy') || code === undefined) return logError(message, options);
    if (PEER_GONE.has(code)) return;
    if (code === 'ECONNREFUSED') {
      logger.warn(`game server not reachable at ${gameServerUrl} (starting or restarting?)`, {
        timestamp: true,
      });
      return;
    }
    logError(message, options);
  };
  return logger;
}

export interface DevOptions {
  gameServerUrl?: string;
  /** Where Vite's messages go (tests capture them); the terminal by default. */
  console?: Console;
}

export function devConfig(options: DevOptions = {}): Pick<UserConfig, 'server' | 'customLogger'> {
  const target = options.gameServerUrl ?? devGameServerUrl();
  const logger = createLogger('info', options.console ? { console: options.console } : {});
  return {
    customLogger: quietProxyLogger(logger, target),
    server: {
      host: true,
      port: DEV_PAGE_PORT,
      // Another port would leave the server's banner pointing at the wrong one.
      strictPort: true,
      proxy: {
        '/socket.io': { target, ws: true },
        '/echo': { target, ws: true },
        '/healthz': { target },
      },
    },
  };
}
