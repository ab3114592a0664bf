import { resolve } from 'node:path';
import { startBuiltApp } from '@lowlight/example-local-server/serveBuiltApp';
import { describe, it } from 'vitest';
import { hasChromium } from '../support/chromium';
import { built, examplesDir, recordsTwoRoutesMasked } from './driveExample';

const VITE_APPS = [
  { example: 'react-vite', name: 'React Router example' },
  { example: 'vue-vite', name: 'Vue example' },
];

describe.each(VITE_APPS)('examples/$example, built for production, in Chromium', ({ example, name }) => {
  it.skipIf(!hasChromium || !built(example, 'dist/index.html'))(
    'records two routes into the local server: right paths and titles, masked text masked, nothing typed',
    async () => {
      const app = await startBuiltApp({ dir: resolve(examplesDir, example, 'dist'), name, port: 0, viewerPort: 0 });
      try {
        await recordsTwoRoutesMasked(app, { orders: /^Orders · /, contact: /^Contact · / });
      } finally {
        await app.close();
      }
    },
  );
});
