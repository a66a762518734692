const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Until the returned function is called, SIGINT and SIGTERM run `cleanUp` first and then end the process by the same
 * signal, as it would have ended without this (the shell still sees an interrupted command). SIGKILL cannot be
 * caught: a write it interrupts leaves its hidden temporary file.
 */
export function cleanUpOnSignal(cleanUp: () => Promise<void>): () => void {
  let signalled = false;
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  function handler(signal: NodeJS.Signals): void {
    if (signalled) return;
    signalled = true;
    void cleanUp()
      .catch(() => undefined)
      .finally(() => {
        // With no listener left, the signal takes its default action.
        dispose();
        process.kill(process.pid, signal);
      });
  }
  for (const signal of SIGNALS) process.on(signal, handler);
  return dispose;
}
