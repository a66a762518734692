/** Types of scripts/generate-snippets.mjs, for the test that keeps the snippets file in sync. */
export const TEMPLATE_NAMES: readonly string[];
export const SNIPPETS_FILE: URL;
export function templateText(name: string): string;
export function generateSnippets(readTemplate?: (name: string) => string): string;
