import { builtInTemplateNames, DEFAULT_TEMPLATE } from './templates/index';

/** The `postmortem.*` settings; the same keys will be read from the repo config file by the CLI. */
export interface Settings {
  /** Globs, relative to the workspace folder, of Markdown files that are postmortems. */
  files: string[];
  template: string;
}

export const defaultSettings: Settings = {
  files: [
    '**/postmortems/**/*.md',
    '**/post-mortems/**/*.md',
    '**/postmortem/**/*.md',
    '**/incident-reports/**/*.md',
    '**/incidents/**/*.md',
    '**/*postmortem*.md',
    '**/*post-mortem*.md',
  ],
  template: DEFAULT_TEMPLATE,
};

/** Settings from a client, checked key by key: a wrong value falls back to the default instead of breaking analysis. */
export function toSettings(raw: unknown): Settings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const files = Array.isArray(value['files']) && value['files'].every((glob) => typeof glob === 'string') ? (value['files'] as string[]) : defaultSettings.files;
  const template = typeof value['template'] === 'string' && builtInTemplateNames.includes(value['template']) ? value['template'] : defaultSettings.template;
  return { files, template };
}
