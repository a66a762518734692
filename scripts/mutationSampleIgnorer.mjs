// A StrykerJS ignorer for scripts/mutationSample.mjs: a mutation range brings in every mutant nested inside it
// (a function body's block mutant holds the whole function), so within the sampled ranges this leaves only the
// sampled places and the nodes on the way to them. The sample comes as a file named by STRYKER_SAMPLE_FILE.
import { readFileSync } from 'node:fs';
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const sampleFile = process.env.STRYKER_SAMPLE_FILE;
/** Sampled places as Babel locations (1-based lines, 0-based columns). */
const places = sampleFile ? JSON.parse(readFileSync(sampleFile, 'utf8')).places : [];

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const within = (inner, outer) => before(outer.start, inner.start) && before(inner.end, outer.end);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'sample', {
    shouldIgnore(path) {
      const location = path.node.loc;
      if (!location || places.some((place) => within(place, location))) return undefined;
      return 'not in the mutation sample';
    },
  }),
];
