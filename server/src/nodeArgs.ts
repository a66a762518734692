/**
 * Node flags the server process is started with, by the VS Code client and by the tests and bench that start it the
 * same way. `--expose-gc` gives the idle collection (memory.ts) V8's full collection; without it the server runs the
 * same, only without that collection.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--expose-gc'];
