import type { LeakPage } from './leakPage';

const SHADOW_SETUP = (hostId: string, html: string) =>
  `<script>document.getElementById('${hostId}').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(html)};</script>`;

/** Same-origin iframes and open shadow roots get exactly the same rules. */
export const nestedPages: LeakPage[] = [
  {
    name: 'same-origin-iframe',
    mechanism: 'same-origin iframe: fields and detectors',
    body: '<p>CANARY-iframe</p><iframe id="f" src="/frame/same-origin-iframe" width="400" height="120"></iframe>',
    extraPages: {
      '/frame/same-origin-iframe': '<!doctype html><p>Frame mail frame.person@corpus.example</p><input id="i" value="frame-prefill-secret">',
    },
    secrets: ['frame.person@corpus.example', 'frame-prefill-secret', 'frame-typed-secret'],
    canary: 'CANARY-iframe',
    act: async (page) => {
      await page.frameLocator('#f').locator('#i').fill('');
      await page.frameLocator('#f').locator('#i').pressSequentially('frame-typed-secret', { delay: 5 });
    },
  },
  {
    name: 'srcdoc-iframe-under-mask',
    mechanism: 'an iframe inside data-ll-mask: the mark crosses the document boundary',
    body: `<p>CANARY-iframe-mask</p><div data-ll-mask><iframe id="f" srcdoc="<p>srcdoc-masked-text-secret</p><p id=t>x</p>"></iframe></div>`,
    secrets: ['srcdoc-masked-text-secret', 'srcdoc-changed-secret'],
    canary: 'CANARY-iframe-mask',
    act: async (page) => {
      await page.waitForTimeout(50);
      await page.frameLocator('#f').locator('#t').evaluate((element) => {
        element.textContent = 'srcdoc-changed-secret';
      });
    },
  },
  {
    name: 'open-shadow-root',
    mechanism: 'open shadow root: fields and detectors',
    body: `<p>CANARY-shadow</p><div id="host"></div>${SHADOW_SETUP('host', '<p>Shadow mail shadow.person@corpus.example</p><input id="si">')}`,
    secrets: ['shadow.person@corpus.example', 'shadow-typed-secret'],
    canary: 'CANARY-shadow',
    act: (page) => page.locator('#si').pressSequentially('shadow-typed-secret', { delay: 5 }),
  },
  {
    name: 'shadow-root-under-mask',
    mechanism: 'a shadow root inside data-ll-mask: closest() would stop at the boundary',
    body: `<p>CANARY-shadow-mask</p><div data-ll-mask><div id="host"></div></div>${SHADOW_SETUP('host', '<p id="sp">shadow-masked-text-secret</p>')}`,
    secrets: ['shadow-masked-text-secret', 'shadow-masked-later-secret'],
    canary: 'CANARY-shadow-mask',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('host')!.shadowRoot!.getElementById('sp')!.textContent = 'shadow-masked-later-secret';
      }),
  },
  {
    name: 'shadow-root-attached-later',
    mechanism: 'a shadow root attached after the snapshot',
    body: '<p>CANARY-shadow-later</p><div data-ll-mask><div id="host"></div></div>',
    secrets: ['late-shadow-secret'],
    canary: 'CANARY-shadow-later',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<b>late-shadow-secret</b>';
      }),
  },
  {
    name: 'iframe-added-later',
    mechanism: 'a same-origin iframe added after the snapshot',
    body: '<p>CANARY-iframe-later</p><div id="slot"></div>',
    extraPages: {
      '/frame/iframe-added-later': '<!doctype html><p>Late frame late.frame@corpus.example</p><input value="late-frame-field-secret">',
    },
    secrets: ['late.frame@corpus.example', 'late-frame-field-secret'],
    canary: 'CANARY-iframe-later',
    act: async (page) => {
      await page.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.src = '/frame/iframe-added-later';
        document.getElementById('slot')!.append(frame);
      });
      await page.waitForTimeout(200);
    },
  },
];
