/**
 * Deterministic, realistic postmortems of a chosen size: the python-discord template with its emoji headings and
 * italic prompts, front matter, long timelines of `- **hh:mm UTC:** …` bullets split by day, tables, code blocks,
 * quotes, five-whys chains and task lists with owners. The same size and seed always give the same text.
 */

export interface GeneratedPostmortem {
  text: string;
  bytes: number;
  /** Top-level timeline bullets written, to check that the server found them. */
  timelineEntries: number;
  /** The incident date, also used in the file name so that title, front matter and path agree. */
  date: string;
}

/** mulberry32: a small seeded PRNG, so that documents are identical across runs and machines. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTIONS = [
  { heading: '⚠️ Leadup', prompt: 'List the sequence of events that led to the incident', share: 0.12 },
  { heading: '🥏 Impact', prompt: 'Describe how internal and external users were impacted during the incident', share: 0.08 },
  { heading: '👁️ Detection', prompt: 'Report when the team detected the incident, and how we could improve detection time', share: 0.06 },
  { heading: '🙋🏿‍♂️ Response', prompt: 'Who responded to the incident, and what obstacles did they encounter?', share: 0.34 },
  { heading: '🙆🏽‍♀️ Recovery', prompt: 'How was the incident resolved? How can we improve future mitigation times?', share: 0.13 },
  { heading: "🔎 Five Why's", prompt: 'Run a 5-whys analysis to understand the true cause of the incident.', share: 0.07 },
  { heading: '🌱 Blameless root cause', prompt: 'Note the final root cause and describe what needs to change to prevent reoccurrance', share: 0.05 },
  { heading: '🤔 Lessons learned', prompt: 'What did we learn from this incident?', share: 0.07 },
  { heading: '☑️ Follow-up tasks', prompt: "List any tasks we've created as a result of this incident", share: 0.08 },
] as const;

const SERVICES = ['site', 'bot', 'postgres', 'redis', 'metricity', 'snekbox', 'forms', 'nginx-ingress', 'CoreDNS', 'Calico', 'Linode CSI', 'grafana', 'prometheus', 'alertmanager', 'sentry', 'cert-manager', 'modmail', 'patsy'];
const PEOPLE = ['@joe', '@chris', '@sebastiaan', '@mina', '@kat', '@lemon', '@scragly', '@ks129', '@akarys', '@wookie', '@hassan', '@bella'];
const NAMES = ['Joe Banks', 'Chris Lovering', 'Sebastiaan Zeeff', 'Mina Okafor', 'Kat Nguyen', 'Leon Sandøy'];
const EMOJI = ['🔥', '🚨', '✅', '📉', '📈', '🐘', '🤔', '🎉', '⚠️', '🙏', '🧯', '🐍', '👀', '💥'];
const METRICS = ['CPU', 'memory', 'p99 latency', 'error rate', 'connection count', 'disk I/O', 'queue depth'];
const TITLES = ['All services outage', 'Postgres connection surge', 'Primary Kubernetes node outage', 'Site CPU and RAM exhaustion', 'NodeBalancer fails on memory', 'Cascading node failures'];

class Writer {
  readonly next: () => number;
  /** The incident's clock in minutes since its first day began: every timeline continues where the last one ended. */
  private minutes: number;
  constructor(seed: number) {
    this.next = random(seed);
    this.minutes = this.int(0, 11) * 60 + this.int(0, 59);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
  clock(minutes: number): string {
    const h = Math.floor(minutes / 60) % 24;
    const m = minutes % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  }

  sentence(): string {
    const svc = this.pick(SERVICES);
    const other = this.pick(SERVICES);
    const sentences = [
      () => `The \`${svc}\` deployment depended on ${other}, so when ${other} slowed down every request to ${svc} queued behind it.`,
      () => `${this.pick(NAMES)} noticed that **${svc} was returning 502s** for roughly ${this.int(2, 60)}% of requests.`,
      () => `We saw ${this.pick(METRICS)} on ${svc} climb to ${this.int(60, 100)}% within ${this.int(2, 15)} minutes ${this.pick(EMOJI)}.`,
      () => `The alert for ${svc} was routed to a channel nobody watches at night, which delayed the response.`,
      () => `A [Grafana dashboard](https://grafana.pythondiscord.com/d/${this.hex(8)}/${svc.toLowerCase().replace(/\s+/g, '-')}) showed the ${this.pick(METRICS)} of ${svc} over the whole incident.`,
      () => `Restarting ${svc} helped for a few minutes, but the underlying problem in ${other} remained.`,
      () => `*In hindsight* the warning signs were visible in the ${other} logs for hours before users noticed.`,
      () => `The runbook step for ${svc} assumed a single replica, which has not been true since the migration to Kubernetes.`,
      () => `Users in the help channels reported that the bot stopped responding to commands such as \`!tags\` and \`!eval\`.`,
      () => `Linode Lassie rebooted the node after the high CPU shutdown, and ${svc} came back without its persistent volume.`,
      () => `We rolled back ${svc} to \`v${this.int(1, 4)}.${this.int(0, 20)}.${this.int(0, 9)}\` and the error rate dropped immediately ✅.`,
      () => `The incident was discussed in **#dev-oops** and summarised for the community in **#announcements**.`,
    ];
    return this.pick(sentences)();
  }

  paragraph(min = 2, max = 5): string {
    const count = this.int(min, max);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(this.sentence());
    // Drafts have loose ends: an occasional placeholder gives the server a few diagnostics to publish.
    if (this.chance(0.03)) parts.push('The exact numbers are TBD.');
    return parts.join(' ');
  }

  timelineText(): string {
    const svc = this.pick(SERVICES);
    const texts = [
      () => `${this.pick(PEOPLE)} notices ${svc} returning 502s to users ${this.pick(EMOJI)}`,
      () => `Alertmanager fires \`${svc.replace(/\W/g, '')}HighErrorRate\` (${this.pick(METRICS)} at ${this.int(70, 100)}%)`,
      () => `${this.pick(PEOPLE)} joins the incident call and takes over as incident commander`,
      () => `${svc} ${this.pick(METRICS)} reaches ${this.int(60, 100)}% on node \`lke${this.int(10000, 99999)}-${this.hex(6)}\` 📈`,
      () => `Restarted ${svc} with \`kubectl rollout restart deployment/${svc.toLowerCase().replace(/\s+/g, '-')}\``,
      () => `${svc} recovers; error rate back under ${this.int(1, 5)}% ✅`,
      () => `Status page updated: [incident ${this.int(100, 999)}](https://status.pythondiscord.com/incidents/${this.hex(12)})`,
      () => `${this.pick(PEOPLE)} posts an update in **#dev-alerts**: "${svc} is degraded, investigating"`,
      () => `Rolled back ${svc} to \`v${this.int(1, 4)}.${this.int(0, 20)}.${this.int(0, 9)}\` after the failed deploy`,
      () => `Postgres reports \`FATAL: remaining connection slots are reserved\` for ${svc} 🐘`,
      () => `${this.pick(PEOPLE)} confirms that ${svc} is healthy again from outside the cluster`,
      () => `Scaled ${svc} from ${this.int(1, 3)} to ${this.int(4, 8)} replicas to absorb the backlog`,
    ];
    return this.pick(texts)();
  }

  /**
   * A stretch of the timeline: entries a few minutes apart, some with detail bullets or a wrapped line. Times only
   * go forward; past midnight the clock wraps, which reads as the next day.
   */
  timeline(maxBytes: number, maxEntries: number): { text: string; entries: number } {
    this.minutes += this.int(5, 180);
    const lines: string[] = [];
    let bytes = 0;
    let entries = 0;
    while (entries < maxEntries && (entries < 2 || bytes < maxBytes)) {
      let entry = `- **${this.clock(this.minutes)} UTC:** ${this.timelineText()}`;
      if (this.chance(0.12)) entry += `\n  ${this.sentence()}`;
      if (this.chance(0.1)) entry += `\n  - ${this.sentence()}\n  - ${this.sentence()}`;
      lines.push(entry);
      bytes += Buffer.byteLength(entry) + 1;
      entries++;
      this.minutes += this.int(1, 9);
    }
    return { text: lines.join('\n'), entries };
  }

  table(rows = this.int(4, 12)): string {
    const lines = ['| Service | Impact | Duration | Users affected |', '| --- | --- | --- | ---: |'];
    for (let i = 0; i < rows; i++) {
      const svc = this.pick(SERVICES);
      lines.push(`| \`${svc}\` | ${this.pick(['502 for all pages', 'commands time out', 'no new members can join', 'stale data shown', 'alerts not delivered'])} ${this.chance(0.2) ? this.pick(EMOJI) : ''} | ${this.int(2, 180)} min | ~${this.int(1, 40)},${String(this.int(0, 999)).padStart(3, '0')} |`);
    }
    return lines.join('\n');
  }

  codeBlock(): string {
    const kind = this.int(0, 3);
    if (kind === 0) {
      const lines = ['```sh', '$ kubectl get pods -n default', 'NAME                         READY   STATUS             RESTARTS   AGE'];
      for (let i = 0, n = this.int(3, 10); i < n; i++) {
        lines.push(`${`${this.pick(SERVICES).toLowerCase().replace(/\s+/g, '-')}-${this.hex(10)}-${this.hex(5)}`.padEnd(29)}${this.pick(['1/1', '0/1'])}     ${this.pick(['Running', 'CrashLoopBackOff', 'Pending']).padEnd(19)}${String(this.int(0, 40)).padEnd(11)}${this.int(1, 59)}m`);
      }
      lines.push('```');
      return lines.join('\n');
    }
    if (kind === 1) {
      const lines = ['```log'];
      for (let i = 0, n = this.int(4, 14); i < n; i++) {
        lines.push(`2021-03-02T${this.clock(this.int(0, 1439))}:${String(this.int(0, 59)).padStart(2, '0')}Z ${this.pick(['ERROR', 'WARN', 'INFO'])} ${this.pick(SERVICES)}: ${this.pick(['connection refused', 'upstream timed out (110: Connection timed out)', 'too many clients already', 'health check failed', 'OOMKilled'])}`);
      }
      lines.push('```');
      return lines.join('\n');
    }
    if (kind === 2) {
      return ['```sql', 'SELECT pid, state, wait_event, now() - query_start AS runtime', 'FROM pg_stat_activity', `WHERE datname = '${this.pick(['site', 'metricity', 'forms'])}'`, 'ORDER BY runtime DESC', `LIMIT ${this.int(5, 50)};`, '```'].join('\n');
    }
    return ['```yaml', 'resources:', '  requests:', `    cpu: ${this.int(100, 900)}m`, `    memory: ${this.int(128, 2048)}Mi`, '  limits:', `    memory: ${this.int(512, 4096)}Mi`, '```'].join('\n');
  }

  quote(): string {
    return `> **${this.pick(PEOPLE).slice(1)}:** ${this.sentence()}\n> ${this.sentence()}`;
  }

  bullets(min: number, max: number): string {
    const lines: string[] = [];
    for (let i = 0, n = this.int(min, max); i < n; i++) lines.push(`- ${this.sentence()}`);
    return lines.join('\n');
  }

  whys(n: number): string {
    const svc = this.pick(SERVICES);
    const lines = [`- ${svc} was unavailable for ${this.int(10, 120)} minutes`];
    const causes = [
      `${svc} could not reach postgres`,
      'postgres ran out of connection slots',
      `a retry loop in ${this.pick(SERVICES)} opened a new connection per attempt`,
      'the connection pool limit was never configured for the new deployment',
      'the deployment checklist has no step for reviewing resource limits',
      'nobody owns the checklist since the infrastructure team was reorganised',
    ];
    for (let i = 0; i < n; i++) lines.push(`- **Why?** ${causes[i % causes.length]!.replace(/^./, (c) => c.toUpperCase())}`);
    return lines.join('\n');
  }

  tasks(min: number, max: number): string {
    const lines: string[] = [];
    for (let i = 0, n = this.int(min, max); i < n; i++) {
      const done = this.chance(0.3);
      const what = this.pick([
        `Add alerting on ${this.pick(SERVICES)} ${this.pick(METRICS)}`,
        `Write a runbook for restarting ${this.pick(SERVICES)}`,
        `Configure a connection pool limit for ${this.pick(SERVICES)}`,
        `Set resource limits on every ${this.pick(SERVICES)} deployment`,
        'Test restoring the database from the nightly backup',
        `Move ${this.pick(SERVICES)} alerts to a channel with an on-call rotation`,
      ]);
      const owner = this.chance(0.05) ? '' : this.chance(0.7) ? `(${this.pick(PEOPLE)})` : `([#${this.int(100, 999)}](https://github.com/python-discord/infra/issues/${this.int(100, 999)}))`;
      lines.push(`- [${done ? 'x' : ' '}] ${what}${owner ? ` ${owner}` : ''}`);
    }
    return lines.join('\n');
  }
}

/** A postmortem of about `targetBytes` UTF-8 bytes (within a few per cent). */
export function generatePostmortem(targetBytes: number, seed = 1): GeneratedPostmortem {
  // Each section stops at its first block past its share, and every section has at least one block: aim lower
  // (or higher) until the whole lands near the size asked for.
  let aim = targetBytes;
  let last = generateOnce(aim, seed);
  let best = { aim, doc: last };
  for (let i = 0; i < 12 && Math.abs(best.doc.bytes - targetBytes) > targetBytes * 0.03; i++) {
    aim *= targetBytes / last.bytes;
    last = generateOnce(aim, seed);
    if (Math.abs(last.bytes - targetBytes) < Math.abs(best.doc.bytes - targetBytes)) best = { aim, doc: last };
  }
  // Still short: a few more follow-up tasks at the end bring it up to size.
  if (best.doc.bytes < targetBytes * 0.97) return generateOnce(best.aim, seed, targetBytes * 0.98);
  return best.doc;
}

function generateOnce(targetBytes: number, seed: number, padTo = 0): GeneratedPostmortem {
  const w = new Writer(seed);
  // Small documents get smaller blocks, or every section's first block alone would overshoot the size.
  const small = targetBytes < 20_000;
  const day = w.int(1, 28);
  const date = `2021-03-${String(day).padStart(2, '0')}`;
  const title = `${date}: ${w.pick(TITLES)}`;
  const blocks: string[] = [
    ['---', `title: "${title}"`, 'type: postmortem', `date: ${date}`, `severity: SEV-${w.int(1, 3)}`, 'status: resolved', `authors: [${w.pick(NAMES)}, ${w.pick(NAMES)}]`, '---'].join('\n'),
    `# ${title}`,
    w.paragraph(small ? 1 : 2, small ? 2 : 4),
    ...(small ? [] : [w.paragraph(1, 3)]),
  ];
  let timelineEntries = 0;
  let dayNumber = 0;

  const addTimeline = (budget: number, out: string[]): number => {
    const { text, entries } = w.timeline(budget, small ? 12 : w.int(15, 120));
    out.push(text);
    timelineEntries += entries;
    return Buffer.byteLength(text);
  };

  for (const section of SECTIONS) {
    const budget = targetBytes * section.share;
    const out: string[] = [`## ${section.heading}`, `*${section.prompt}*`];
    let used = Buffer.byteLength(out.join('\n\n'));
    const push = (block: string) => {
      out.push(block);
      used += Buffer.byteLength(block) + 2;
    };
    let first = true;
    while (first || used < budget) {
      const left = Math.max(200, budget - used);
      switch (section.heading) {
        case '⚠️ Leadup':
        case '🙋🏿‍♂️ Response':
        case '🙆🏽‍♀️ Recovery': {
          // A day of the timeline under its own heading, a paragraph about it, now and then a log, a quote or a table.
          if (!first || section.heading !== '⚠️ Leadup') {
            dayNumber++;
            push(`### ${w.pick(['🕐', '🕑', '🕓', '📅'])} Day ${dayNumber} — ${w.pick(['investigation', 'mitigation', 'clean-up', 'escalation', 'monitoring'])}`);
          }
          push(w.paragraph(1, small ? 1 : 3));
          used += addTimeline(left * 0.8, out) + 2;
          if (used + 600 > budget) break;
          if (w.chance(0.35)) push(w.codeBlock());
          if (w.chance(0.2)) push(w.quote());
          if (w.chance(0.1)) push(w.table());
          break;
        }
        case '🥏 Impact':
          push(w.paragraph(1, small ? 2 : 5));
          push(first ? w.table(small ? 3 : w.int(4, 12)) : w.chance(0.5) ? w.bullets(3, 8) : w.table());
          break;
        case '👁️ Detection':
          push(w.paragraph(1, small ? 2 : 5));
          if (!small && w.chance(0.5)) push(w.codeBlock());
          else used += addTimeline(Math.min(left, 1500), out) + 2;
          break;
        case "🔎 Five Why's":
          if (!first || targetBytes > 20_000) push(`### Problem: ${w.pick(SERVICES)} ${w.pick(['outage', 'slowdown', 'data loss', 'restart loop'])}`);
          push(w.whys(w.int(4, 6)));
          break;
        case '🌱 Blameless root cause':
        case '🤔 Lessons learned':
          push(w.paragraph(small ? 1 : 2, small ? 2 : 6));
          if (!small && w.chance(0.5)) push(w.bullets(2, 6));
          break;
        case '☑️ Follow-up tasks':
          if (!first) push(`### ${w.pick(['Monitoring', 'Database', 'Kubernetes', 'Process', 'Documentation'])}`);
          push(w.tasks(3, small ? 5 : 12));
          break;
      }
      first = false;
    }
    blocks.push(...out);
  }
  let bytes = Buffer.byteLength(`${blocks.join('\n\n')}\n`);
  while (bytes < padTo) {
    const task = w.tasks(1, 1);
    blocks[blocks.length - 1] += `\n${task}`;
    bytes += Buffer.byteLength(task) + 1;
  }
  const text = `${blocks.join('\n\n')}\n`;
  return { text, bytes: Buffer.byteLength(text), timelineEntries, date };
}
