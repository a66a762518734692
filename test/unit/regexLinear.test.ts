// No regular expression of the server backtracks catastrophically. regexLinearProbe.ts, in a child process, finds
// every regex literal in server/src with the TypeScript parser (and runs the ones built with `new RegExp` through the
// functions that use them), and times each on 10 KB and 100 KB strings made of pieces that come close to matching:
// 100 KB must cost less than 20 × 10 KB plus 30 ms, and under 250 ms, in CPU time. A case that spends 60 s of CPU
// is a hang: the child is killed and the case named. (CPU, not the clock: other processes may stall the child.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { drivers, isTooSlow } from './regexLinearProbe';

interface Result {
  kind: 'result';
  name: string;
  unit: string;
  ending: string;
  t10: number;
  t100: number;
}

// Three times what the whole probe spends (20 s of CPU on a 2-core machine): a full run once charged all of it to
// one quick case, its lines read late, so no lagging run may reach the limit; a real hang runs past it all the same.
const HANG_MS = 60_000;

/** User and system CPU time of a process in ms, from /proc/<pid>/stat; undefined once it has exited. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Patterns whose worst case is not linear but whose input is bounded where they are used; each needs its reason.
 * Keyed by `file literal`.
 */
const boundedInput: Record<string, string> = {
  'server/src/features/completion.ts /[\\r\\n]+$/': 'the rest of one line: it ends at the next line start, so it holds at most one line break',
};

test('every regex in server/src is linear on 10 KB and 100 KB adversarial strings', { timeout: 600_000 }, async () => {
  const probe = fileURLToPath(new URL('./regexLinearProbe.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', fileURLToPath(new URL('../support/register.mjs', import.meta.url)), probe], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const results: Result[] = [];
  let sites: { literals: Array<{ file: string; line: number; text: string }>; dynamic: Record<string, number> } | undefined;
  let current = '';
  let done = false;
  let hung: string | undefined;
  // CPU time the child had used when the current case started, polled from /proc.
  let cpuAtStart = 0;
  const watchdog = setInterval(() => {
    const used = cpuMs(child.pid!);
    if (used !== undefined && used - cpuAtStart > HANG_MS) {
      hung = current;
      child.kill('SIGKILL');
    }
  }, 1000);
  const arm = () => {
    cpuAtStart = cpuMs(child.pid!) ?? cpuAtStart;
  };
  const started = performance.now();
  for await (const line of createInterface({ input: child.stdout })) {
    arm();
    const message = JSON.parse(line) as { kind: string } & Record<string, unknown>;
    if (message.kind === 'sites') sites = message as unknown as typeof sites;
    else if (message.kind === 'start') current = `${String(message['name'])} on ${JSON.stringify(message['unit'])} repeated${message['ending'] ? ` + ${JSON.stringify(message['ending'])}` : ''}`;
    // JSON has no Infinity: a 100 KB run not tried arrives as null.
    else if (message.kind === 'result') results.push({ ...(message as unknown as Result), t100: (message['t100'] as number | null) ?? Number.POSITIVE_INFINITY });
    else if (message.kind === 'done') done = true;
  }
  clearInterval(watchdog);
  assert.equal(hung, undefined, `${HANG_MS / 1000} s of CPU on one case: ${hung}`);
  assert.ok(done && sites, `the probe did not finish: ${stderr}`);

  // Every `new RegExp` is run through a driver: a new one needs a driver here before it counts as tested.
  assert.deepEqual(
    sites.dynamic,
    Object.fromEntries(Object.entries(drivers).map(([file, { calls }]) => [file, calls])),
    'regexes built with new RegExp, by file: add a driver in regexLinearProbe.ts for a new one',
  );
  assert.ok(sites.literals.length > 100, `only ${sites.literals.length} regex literals found`);

  const failures: string[] = [];
  let slowest: Result | undefined;
  for (const result of results) {
    if (Number.isFinite(result.t100) && (!slowest || result.t100 > slowest.t100)) slowest = result;
    const key = result.name.replace(/:\d+ /, ' ');
    if (boundedInput[key]) continue;
    if (isTooSlow(result)) {
      const large = Number.isFinite(result.t100) ? `${result.t100.toFixed(2)} ms` : 'not tried';
      failures.push(`${result.name} on ${JSON.stringify(result.unit)}${result.ending ? ` + ${JSON.stringify(result.ending)}` : ''}: 10 KB ${result.t10.toFixed(2)} ms, 100 KB ${large}`);
    }
  }
  console.log(
    `regexes: ${sites.literals.length} literals and ${Object.values(sites.dynamic).reduce((a, b) => a + b, 0)} built with new RegExp, ` +
      `${results.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s; slowest 100 KB case ${slowest?.t100.toFixed(1)} ms (${slowest?.name} on ${JSON.stringify(slowest?.unit)})`,
  );
  assert.deepEqual(failures, []);
});
