// A repository with every trap an untrusted pull request could add at once, beside a folder of secrets outside it:
// links out of the workspace (config, template, a postmortem, /proc), a FIFO, link loops, a glob made to backtrack,
// a huge adversarial file and a deeply nested one, links that probe the file system. Shared by the server's test
// (test/protocol/hostile.test.ts) and the command line's (test/cli/hostile.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { completePostmortem } from './postmortemText';

/** Written only in the files outside the workspace: no output may ever contain it. */
export const SECRET = 'S3CR3T-not-for-output-7f3a9c';

export interface HostileRepository {
  root: string;
  workspace: string;
  /** The one ordinary postmortem, whose outline must keep answering. */
  small: string;
  huge: string;
  dispose(): void;
}

export function hostileRepository(): HostileRepository {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-hostile-')));
  const outside = join(root, 'outside');
  const workspace = join(root, 'workspace');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  // Secrets shaped to be echoed: YAML keys a config reader would name, a template and a postmortem that would parse.
  write(join(outside, 'secrets.yaml'), `template: ${SECRET}\n${SECRET}: 1\napi_key: ${SECRET}\n`);
  write(join(outside, 'template.md'), `---\ntype: template\n---\n# YYYY-MM-DD: ${SECRET}\n\n## ${SECRET}\n`);
  write(join(outside, 'postmortem.md'), completePostmortem().replace('Cascading node failures', SECRET));
  write(join(outside, 'exists.txt'), SECRET);

  mkdirSync(join(workspace, '.git'), { recursive: true });
  symlinkSync(join(outside, 'secrets.yaml'), join(workspace, '.postmortem.yaml'));
  mkdirSync(join(workspace, 'proc'), { recursive: true });
  symlinkSync('/proc/self/status', join(workspace, 'proc', '.postmortem.yaml'));
  write(join(workspace, 'proc', '2021-07-11-proc.md'), completePostmortem());
  const small = join(workspace, 'postmortems', '2021-07-11-small.md');
  write(small, completePostmortem().replace('All services were down.', `All services were down. See [a](/etc/passwd), [b](../../outside/exists.txt), [c](../../outside/missing.txt) and [d](file://${join(outside, 'exists.txt')}).`));
  symlinkSync(join(outside, 'postmortem.md'), join(workspace, 'postmortems', '2021-07-12-linked.md'));
  symlinkSync(join(outside, 'template.md'), join(workspace, 'templates-link.md'));
  symlinkSync(join(outside), join(workspace, 'postmortems', 'outside-folder'));
  execFileSync('mkfifo', [join(workspace, 'postmortems', '2021-07-13-fifo.md')]);
  symlinkSync('loop-b.md', join(workspace, 'postmortems', 'loop-a.md'));
  symlinkSync('loop-a.md', join(workspace, 'postmortems', 'loop-b.md'));
  symlinkSync('..', join(workspace, 'postmortems', 'parent'));
  // A team folder whose own config names a glob made to backtrack, and a file with a 250-character name.
  write(join(workspace, 'team', '.postmortem.yaml'), 'files:\n  - "**/*q*q*q*q*q*q*q*q*z.md"\ntemplate: ../templates-link.md\n');
  write(join(workspace, 'team', `${'q'.repeat(247)}.md`), '# Notes\n\nNothing.\n');
  // Heavy files: 2 MB of emphasis runs that are costly to parse, and lists nested thousands deep.
  const huge = join(workspace, 'postmortems', '2021-07-14-huge.md');
  write(huge, `# 2021-07-14: Huge\n\n${'#*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a\n'.repeat(60_000)}`);
  write(join(workspace, 'postmortems', '2021-07-15-deep.md'), `# 2021-07-15: Deep\n\n${Array.from({ length: 1500 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`);
  return { root, workspace, small, huge, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
