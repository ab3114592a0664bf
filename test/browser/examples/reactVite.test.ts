import { resolve } from 'node:path';
import { startBuiltApp } from '@lowlight/example-local-server/serveBuiltApp';
import { describe, it } from 'vitest';
import { hasChromium } from '../support/chromium';
import { built, examplesDir, recordsTwoRoutesMasked } from './driveExample';

describe.skipIf(!hasChromium || !built('react-vite', 'dist/index.html'))('examples/react-vite, built for production, in Chromium', () => {
  it('records two routes into the local server: right paths and titles, masked text masked, nothing typed', async () => {
    const app = await startBuiltApp({ dir: resolve(examplesDir, 'react-vite/dist'), name: 'React Router example', port: 0, viewerPort: 0 });
    try {
      await recordsTwoRoutesMasked(app, { orders: /^Orders · /, contact: /^Contact · / });
    } finally {
      await app.close();
    }
  });
});
