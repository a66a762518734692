/**
 * How long analysing text may take before it is given up: the server's budget for each parse in its worker (a chunk
 * of Markdown, or a whole reStructuredText or plain-text document), and the command line's for each analysis of a
 * file. 3 s and 1 ms per 1,000 characters: remark needs about 2 ms per KB, more on a loaded machine, so only text it
 * is pathologically slow on runs out. The environment variable sets the 3 s.
 */
export const BUDGET_ENV = 'POSTMORTEM_PARSE_BUDGET_MS';
const DEFAULT_BASE_MS = 3000;

/** The fixed part of the budget: the environment's value when it is a positive number of milliseconds. */
export function budgetBaseMs(): number {
  const value = Number(process.env[BUDGET_ENV]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_BASE_MS;
}

/** The budget for `chars` characters of text, in milliseconds. */
export function parseBudgetMs(chars: number): number {
  return Math.round(budgetBaseMs() + chars / 1000);
}
