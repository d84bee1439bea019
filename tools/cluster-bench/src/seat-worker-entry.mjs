// Worker threads do not inherit tsx's loader from `--import tsx` on Node 20, so the worker
// registers it itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./seat-worker.ts');
