// `npm run cluster -- --processes 3`: build whatever is missing, then run a cluster on this
// machine: a redis-server, N server processes, one port in front (apps/server/src/launch/).
import { buildMissing } from './build-missing.mjs';
import { spawnNodeTied } from './spawn-tied.mjs';

buildMissing();
const launcher = spawnNodeTied('apps/server/dist/launch/cluster-launch.js', process.argv.slice(2));
// The launcher stops what it started on any of these, then exits; so this script waits for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => launcher.kill(signal));
launcher.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
