/**
 * `npm run bench:profile`: where one keystroke's time goes. The server runs in this process (bench/out/inprocess.cjs)
 * so that the V8 CPU profiler can be started after the document is open and stopped after the keystrokes, leaving
 * out start-up and the first analysis. Writes bench/out/keystroke-<size>.cpuprofile (open it in Chrome DevTools or
 * VS Code) and prints self time by package and function and inclusive time of the server's own functions, mapped
 * back to the sources through the bundle's source map.
 *
 *   npm run bench:profile [-- --size 500k --keystrokes 5] [--completion]
 *
 * --completion: each sample types `- ` under a timeline entry with a completion request (as the server bench does)
 * and removes it again; the latency is the completion's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildInProcessServer } from './build';
import { generatePostmortem } from './generate';
import { BenchClient, inProcessBundle } from './lsp';
import { alternatingKeystroke, middleTimelineLine, typedBulletEdit } from './server';
import { ms } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const SIZES: Record<string, number> = { '5k': 5_000, '50k': 50_000, '500k': 500_000, '5m': 5_000_000 };

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** Where a frame's code comes from: a package, a file of ours, node itself, or V8's pseudo-frames. */
function origin(source: string | undefined, frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (!source) return frame.url.startsWith('node:') ? 'node' : frame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  const ours = /(server\/src\/.*|bench\/.*)$/.exec(source);
  return ours ? ours[1]! : source;
}

async function main(): Promise<void> {
  const size = argument('--size', '500k');
  const keystrokes = Number(argument('--keystrokes', size === '5m' ? '2' : '5'));
  const bytes = SIZES[size];
  if (!bytes) throw new Error(`--size: one of ${Object.keys(SIZES).join(', ')}`);
  const out = fileURLToPath(new URL('./out', import.meta.url));
  const root = path.join(out, 'workspace');
  mkdirSync(path.join(root, 'postmortems'), { recursive: true });
  await buildInProcessServer();

  const generated = generatePostmortem(bytes, 1);
  const file = path.join(root, 'postmortems', `${generated.date}-bench-${size}.md`);
  writeFileSync(file, generated.text);
  const uri = pathToFileURL(file).toString();
  const lines = generated.text.split('\n');
  const nextChange = alternatingKeystroke(lines);
  const completionLine = process.argv.includes('--completion') ? middleTimelineLine(lines) : undefined;
  const typed = completionLine === undefined ? undefined : typedBulletEdit(lines, completionLine);
  const keystroke = !typed ? async () => {
    const { start, published } = client.change(uri, [nextChange()]);
    return (await published).at - start;
  } : async () => {
    const { published } = client.change(uri, [typed.insert]);
    const params = { textDocument: { uri }, position: typed.cursor, context: { triggerKind: 2, triggerCharacter: ' ' } };
    const { ms } = await client.timed('textDocument/completion', params);
    await published;
    await client.change(uri, [typed.remove]).published;
    return ms;
  };

  const client = BenchClient.inProcess();
  await client.initialize(pathToFileURL(root).toString());
  await client.open(uri, generated.text);
  await keystroke();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const latencies: number[] = [];
  for (let i = 0; i < keystrokes; i++) latencies.push(await keystroke());
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  await client.stop();

  const profileFile = path.join(out, `keystroke-${size}.cpuprofile`);
  writeFileSync(profileFile, JSON.stringify(profile));

  const map = new SourceMap(JSON.parse(readFileSync(`${inProcessBundle}.map`, 'utf8')));
  const bundleUrl = pathToFileURL(inProcessBundle).toString();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = new Map<number, { origin: string; fn: string }>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    let source: string | undefined;
    if (frame.url === bundleUrl) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
      source = entry.originalSource;
    }
    label.set(node.id, { origin: origin(source, frame), fn: frame.functionName || '(anonymous)' });
  }

  const selfByOrigin = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const own = label.get(id)!;
    if (own.origin === '(idle)') return;
    busy += us;
    selfByOrigin.set(own.origin, (selfByOrigin.get(own.origin) ?? 0) + us);
    const key = `${own.fn} (${own.origin})`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
    // Inclusive time of our own functions and of each package as a whole, counted once per sample.
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const l = label.get(node)!;
      const k = l.origin.startsWith('server/src/') ? `${l.fn} (${l.origin})` : `[${l.origin}]`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  });

  const top = (entries: Map<string, number>, n: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `  ${ms(us / 1000 / keystrokes).padStart(9)}  ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  const perKeystroke = busy / 1000 / keystrokes;
  process.stdout.write(
    [
      `${keystrokes} keystrokes on the ${size} document (${generated.bytes} bytes), in-process server: latency ${latencies.map((v) => ms(v)).join(', ')}`,
      `CPU busy per keystroke: ${ms(perKeystroke)} (profile: ${path.relative(process.cwd(), profileFile)})`,
      '',
      'Self time by origin, per keystroke:',
      top(selfByOrigin, 15),
      '',
      'Inclusive time, our functions and whole packages, per keystroke:',
      top(inclusive, 30),
      '',
      'Self time by function, per keystroke:',
      top(selfByFunction, 20),
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
