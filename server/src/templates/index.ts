import atlassian from './atlassian.md';
import googleSre from './google-sre.md';
import pagerduty from './pagerduty.md';
import pythonDiscord from './python-discord.md';
import { parseTemplate, type Template } from './template';

const builtIn: Record<string, string> = {
  'python-discord': pythonDiscord,
  atlassian,
  'google-sre': googleSre,
  pagerduty,
};

export const DEFAULT_TEMPLATE = 'python-discord';
export const builtInTemplateNames: readonly string[] = Object.keys(builtIn);

const cache = new Map<string, Template>();

export function isBuiltInTemplate(name: string): boolean {
  return Object.hasOwn(builtIn, name);
}

/** A built-in template by name; unknown names fall back to the default so a typo never silences the server. */
export function builtInTemplate(name: string): Template {
  const key = isBuiltInTemplate(name) ? name : DEFAULT_TEMPLATE;
  let template = cache.get(key);
  if (!template) {
    template = parseTemplate(key, builtIn[key]!);
    cache.set(key, template);
  }
  return template;
}

/** The Markdown of a built-in template, for a "new postmortem" command or to copy as a team's own starting point. */
export function builtInTemplateText(name: string): string | undefined {
  return isBuiltInTemplate(name) ? builtIn[name] : undefined;
}
