// Scripts and tests take a free port from here too; the helper lives in runtime/ because the worker needs it.
export { freePort } from '../runtime/free-port';
