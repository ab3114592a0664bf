import { startNextApp } from '@lowlight/example-next-app/start.mjs';
import { describe, it } from 'vitest';
import { hasChromium } from '../support/chromium';
import { built, recordsTwoRoutesMasked } from './driveExample';

describe.skipIf(!hasChromium || !built('next-app', '.next/BUILD_ID'))('examples/next-app, built for production, in Chromium', () => {
  it('records two routes into the local server: right paths and titles, masked text masked, nothing typed', async () => {
    const app = await startNextApp({ port: 0, viewerPort: 0 });
    try {
      await recordsTwoRoutesMasked(app, { orders: /^Orders · /, contact: /^Contact · / });
    } finally {
      await app.close();
    }
  });
});
