import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENT_AND_TEXT_FIELDS } from '../../packages/mask/src/createEventMasker';
import { hasChromium, launchChromium } from './support/chromium';
import { decodeReceived, snippetPage, startCollector, startPageServer, type Running } from './support/servers';

/** A page that makes rrweb use every kind of element and text node it serializes, at load and after. */
const PAGE = `
  <p>text <b>bold</b></p><svg viewBox="0 0 2 2"><path d="M0 0L2 2"/><text>svg text</text></svg>
  <form><input value="v"><input type="password"><textarea>t</textarea><select><option selected>o</option></select></form>
  <div data-ll-block style="width:10px;height:10px">blocked</div>
  <style>.a { color: red }</style><video></video><canvas></canvas><dialog open>d</dialog>
  <custom-card>c</custom-card><div id="host"></div><iframe id="frame" srcdoc="<p>in frame</p>"></iframe>
  <script>
    customElements.define('custom-card', class extends HTMLElement {});
    document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<span>shadow</span>';
  </script>`;

type SerializedNode = { type: number; childNodes?: SerializedNode[]; [key: string]: unknown };

describe.skipIf(!hasChromium)('rrweb contract', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let pages: Running;

  beforeAll(async () => {
    collector = await startCollector();
    pages = await startPageServer({ '/': snippetPage(`${collector.url}/collect`, PAGE) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  it('serializes element and text nodes only with fields the masker knows', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<ul><li title="later">added <i>later</i></li></ul><svg><circle r="1"/></svg>');
      document.getElementById('host')!.shadowRoot!.append(document.createElement('em'));
    });
    await page.waitForTimeout(100);
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());

    const nodes: SerializedNode[] = [];
    const collect = (node: SerializedNode) => {
      nodes.push(node);
      node.childNodes?.forEach(collect);
    };
    for (const body of decodeReceived(collector.collector.received)) {
      for (const event of JSON.parse(body).events) {
        if (event.type === 2) collect(event.data.node);
        if (event.type === 3 && event.data.source === 0) for (const added of event.data.adds) collect(added.node);
      }
    }
    const unknown = new Set(
      nodes.filter((node) => node.type === 2 || node.type === 3).flatMap((node) => Object.keys(node)).filter((key) => !ELEMENT_AND_TEXT_FIELDS.has(key)),
    );
    // Non-vacuous: the page produced elements and texts, including added, SVG, blocked, iframe and shadow ones.
    expect(nodes.filter((node) => node.type === 2).length).toBeGreaterThan(30);
    expect(nodes.some((node) => node.isShadow)).toBe(true);
    expect([...unknown]).toEqual([]);
  });

  it('records a changed style attribute as the page wrote it, not as a diff of its properties', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    await page.evaluate(() => document.querySelector('p')!.setAttribute('style', 'color: red; padding: 1px 2px'));
    await page.waitForTimeout(50);
    await page.evaluate(() => document.querySelector('p')!.setAttribute('style', 'color: blue; padding: 1px 2px'));
    await page.waitForTimeout(50);
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());

    const styles = decodeReceived(collector.collector.received)
      .flatMap((body) => JSON.parse(body).events)
      .filter((event) => event.type === 3 && event.data.source === 0)
      .flatMap((event) => event.data.attributes.map((change: { attributes: Record<string, unknown> }) => change.attributes.style))
      .filter((style) => style !== undefined);
    // rrweb's own recorder sends the second change as `{ color: 'blue' }`.
    expect(styles.slice(-2)).toEqual(['color: red; padding: 1px 2px', 'color: blue; padding: 1px 2px']);
  });
});
