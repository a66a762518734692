import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArtifactLocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { URI } from 'vscode-uri';
import { rules } from '../rules/index';
import type { SeverityName } from './report';
import type { LintRun, Summary } from './summary';

/** The base every artifact URI is relative to; GitHub code scanning resolves it to the checkout. */
export const SOURCE_ROOT = '%SRCROOT%';

const levels: Record<SeverityName, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Findings that come from no rule, described so every result has a descriptor to point at. */
const otherDescriptors: ReportingDescriptor[] = [
  { id: 'config', name: 'config', shortDescription: { text: 'The repo config file .postmortem.yaml, or a template it or the front matter names, cannot be used as written.' } },
  { id: 'template', name: 'template', shortDescription: { text: 'A template file has a problem that stops it from working as a template.' } },
  { id: 'suppression', name: 'suppression', shortDescription: { text: 'A postmortem-disable comment names no rule, so it suppresses nothing.' } },
];

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: one run, a descriptor per rule (with its documentation page as
 * `help` when the pages are installed), results located relative to the repository root (`%SRCROOT%`), columns in
 * UTF-16 code units as SARIF counts by default (the run says so), and files that could not be linted as tool
 * execution notifications.
 */
export function toSarif(run: LintRun, summary: Summary, toolVersion: string, docsFolder: string | undefined): Log {
  const descriptors: ReportingDescriptor[] = [
    ...rules.map((rule): ReportingDescriptor => {
      const page = docsFolder ? readPage(path.join(docsFolder, `${rule.id}.md`)) : undefined;
      return {
        id: rule.id,
        name: rule.name,
        shortDescription: { text: rule.description },
        defaultConfiguration: { level: levels[rule.defaultSeverity] },
        ...(page ? { help: { text: `${rule.description} See docs/rules/${rule.id}.md.`, markdown: page } } : {}),
      };
    }),
    ...otherDescriptors,
  ];
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const location = (file: string): ArtifactLocation => {
    const relative = path.relative(run.root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: URI.file(file).toString() };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  };

  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const report of run.reports) {
    if (report.status === 'error') {
      notifications.push({
        level: 'error',
        message: { text: `${path.relative(run.root, report.path) || report.path} ${report.error ?? 'could not be linted.'}` },
        locations: [{ physicalLocation: { artifactLocation: location(report.path) } }],
      });
      continue;
    }
    for (const diagnostic of report.diagnostics) {
      const index = ruleIndex.get(diagnostic.ruleId);
      const { start, end } = diagnostic.range;
      results.push({
        ruleId: diagnostic.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: levels[diagnostic.severity],
        message: { text: diagnostic.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location(report.path),
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      });
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'postmortem-lint', version: toolVersion, semanticVersion: toolVersion, rules: descriptors } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${URI.file(run.root).toString().replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: summary.exitCode !== 2,
            exitCode: summary.exitCode,
            workingDirectory: { uri: `${URI.file(run.cwd).toString().replace(/\/$/, '')}/` },
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
      },
    ],
  };
}

export function formatSarif(run: LintRun, summary: Summary, toolVersion: string, docsFolder: string | undefined): string {
  return `${JSON.stringify(toSarif(run, summary, toolVersion, docsFolder), null, 2)}\n`;
}

function readPage(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
