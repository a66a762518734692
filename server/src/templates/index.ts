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

/** `auto`: each document is held to the built-in template whose sections it follows, or to none (match.ts). */
export const AUTO_TEMPLATE = 'auto';
export const DEFAULT_TEMPLATE = AUTO_TEMPLATE;
/** The built-in templates a document can be held to; `auto` chooses among them. */
export const builtInTemplateNames: readonly string[] = Object.keys(builtIn);
/** Every name `postmortem.template` accepts besides a path. */
export const templateSettingNames: readonly string[] = [AUTO_TEMPLATE, ...builtInTemplateNames];

const auto: Template = { name: AUTO_TEMPLATE, sections: [], requiredMetadata: [], removePrompts: false, declared: false, problems: [], auto: true };

/** What `auto` holds a document to when no built-in template fits: no section is required, none is out of order. */
export const NO_TEMPLATE: Template = { name: 'none', sections: [], requiredMetadata: [], removePrompts: false, declared: false, problems: [] };

const cache = new Map<string, Template>();

export function isBuiltInTemplate(name: string): boolean {
  return name === AUTO_TEMPLATE || Object.hasOwn(builtIn, name);
}

/** A built-in template by name; unknown names fall back to the default so a typo never silences the server. */
export function builtInTemplate(name: string): Template {
  if (!Object.hasOwn(builtIn, name)) return auto;
  const key = name;
  let template = cache.get(key);
  if (!template) {
    template = parseTemplate(key, builtIn[key]!);
    cache.set(key, template);
  }
  return template;
}

/** The Markdown of a built-in template, for a "new postmortem" command or to copy as a team's own starting point. */
export function builtInTemplateText(name: string): string | undefined {
  return Object.hasOwn(builtIn, name) ? builtIn[name] : undefined;
}
