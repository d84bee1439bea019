// `npm start`: build whatever is missing, then serve the game.
// Extra arguments (`npm start -- --port 4000`) are passed to the server as flags.
import { buildMissing } from './build-missing.mjs';
import { spawnNodeTied } from './spawn-tied.mjs';

buildMissing();
const server = spawnNodeTied('apps/server/dist/main.js', process.argv.slice(2));
// Forward signals so SIGTERM reaches the server's graceful shutdown, then exit with its code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
