import pythonDiscord from './python-discord.md';
import { parseTemplate, type Template } from './template';

const builtIn: Record<string, string> = {
  'python-discord': pythonDiscord,
};

export const DEFAULT_TEMPLATE = 'python-discord';
export const builtInTemplateNames = Object.keys(builtIn);

const cache = new Map<string, Template>();

/** A built-in template by name; unknown names fall back to the default so a typo never silences the server. */
export function builtInTemplate(name: string): Template {
  const key = name in builtIn ? name : DEFAULT_TEMPLATE;
  let template = cache.get(key);
  if (!template) {
    template = parseTemplate(key, builtIn[key]!);
    cache.set(key, template);
  }
  return template;
}
