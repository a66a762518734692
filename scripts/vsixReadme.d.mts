/** Writes the README the .vsix carries (images embedded) to `out` and returns its path. */
export function writeVsixReadme(root: string, out: string): string;
