// The README the .vsix carries: the repository's, with each image it shows from the repository (docs/screenshot.png)
// embedded as a data: URL. VS Code's extension page does not load an installed extension's relative images, and
// there is no public address to point them at; links to docs/ stay relative, and the docs are packaged.
import * as fs from 'node:fs';
import * as path from 'node:path';

const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** Writes the packaged README to `out` and returns its path. */
export function writeVsixReadme(root, out) {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const embedded = readme.replace(/(!\[[^\]]*\]\()([^)\s]+)(\))/g, (whole, open, target, close) => {
    const type = TYPES[path.extname(target).toLowerCase()];
    if (!type || /^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    const data = fs.readFileSync(path.join(root, target)).toString('base64');
    return `${open}data:${type};base64,${data}${close}`;
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, embedded);
  return out;
}
