// `npm run build`: every platform's bundle (src/platforms), dist/<platform>/index.js with its source map.
import { loadHarness } from './lib/import-ts.mjs';

const { buildAll } = await loadHarness();
await buildAll({ say: (line) => console.log(line) });
