/** CPU milliseconds `run` takes: unlike the clock, it does not count what else a loaded machine is doing. */
export function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
