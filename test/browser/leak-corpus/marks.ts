import type { LeakPage } from './leakPage';

/** data-ll-mask, data-ll-block and data-ll-unmask, at load and after. */
export const markPages: LeakPage[] = [
  {
    name: 'mask-subtree-text-and-attributes',
    mechanism: 'data-ll-mask: text and attributes of the whole subtree',
    body: `<p>CANARY-mask-subtree</p><section data-ll-mask class="account">
      <h2 title="Masked title secret">Masked heading secret</h2><p aria-label="Masked aria secret">Balance: masked-balance-secret</p>
      <img alt="Masked alt secret" src="/avatar/masked-src-secret.png"><a href="/profile/masked-href-secret">profile</a>
      <span data-user="masked-data-attribute-secret">x</span></section>`,
    secrets: ['Masked title secret', 'Masked heading secret', 'Masked aria secret', 'masked-balance-secret', 'Masked alt secret', 'masked-src-secret', 'masked-href-secret', 'masked-data-attribute-secret'],
    canary: 'CANARY-mask-subtree',
  },
  {
    name: 'mask-later-additions',
    mechanism: 'data-ll-mask: nodes added later',
    body: '<p>CANARY-mask-later</p><div id="m" data-ll-mask></div>',
    secrets: ['added-later-masked-secret', 'added-later-attribute-secret'],
    canary: 'CANARY-mask-later',
    act: (page) =>
      page.evaluate(() => {
        const item = document.createElement('li');
        item.innerHTML = '<b>added-later-masked-secret</b>';
        item.title = 'added-later-attribute-secret';
        document.getElementById('m')!.append(item);
      }),
  },
  {
    name: 'mask-character-data',
    mechanism: 'data-ll-mask: characterData changes',
    body: '<p>CANARY-mask-chardata</p><p data-ll-mask id="m">waiting</p>',
    secrets: ['character-data-secret-value'],
    canary: 'CANARY-mask-chardata',
    act: (page) =>
      page.evaluate(() => {
        (document.getElementById('m')!.firstChild as Text).data = 'character-data-secret-value';
      }),
  },
  {
    name: 'mask-added-to-existing-element',
    mechanism: 'data-ll-mask added later applies to changes after it',
    body: '<p>CANARY-mask-added</p><div id="c"><p id="t">before the mark</p></div>',
    secrets: ['changed-after-mark-secret'],
    canary: 'CANARY-mask-added',
    act: async (page) => {
      await page.evaluate(() => document.getElementById('c')!.setAttribute('data-ll-mask', ''));
      await page.waitForTimeout(20);
      await page.evaluate(() => {
        document.getElementById('t')!.textContent = 'changed-after-mark-secret';
      });
    },
  },
  {
    name: 'node-moved-into-mask',
    mechanism: 'data-ll-mask: a node moved in later',
    body: '<p>CANARY-moved</p><p id="n">moving paragraph</p><div id="m" data-ll-mask></div>',
    secrets: ['moved-then-changed-secret'],
    canary: 'CANARY-moved',
    act: (page) =>
      page.evaluate(() => {
        const node = document.getElementById('n')!;
        document.getElementById('m')!.append(node);
        node.textContent = 'moved-then-changed-secret';
      }),
  },
  {
    name: 'block-subtree',
    mechanism: 'data-ll-block: same-size placeholder, nothing inside recorded',
    body: `<p>CANARY-block</p><div id="b" data-ll-block style="width:200px;height:80px"><p>blocked-content-secret</p>
      <input value="blocked-input-secret"><img src="/blocked-image-secret.png"></div>`,
    secrets: ['blocked-content-secret', 'blocked-input-secret', 'blocked-image-secret', 'blocked-later-secret'],
    canary: 'CANARY-block',
    forbidden: [/"rr_width":"0px"/],
    act: (page) =>
      page.evaluate(() => {
        const later = document.createElement('span');
        later.textContent = 'blocked-later-secret';
        document.getElementById('b')!.append(later);
      }),
  },
  {
    name: 'unmask-inside-mask',
    mechanism: 'an explicit mask wins over an unmask inside it',
    body: '<p>CANARY-mask-wins</p><div data-ll-mask><p data-ll-unmask>unmask-inside-mask-secret</p></div>',
    secrets: ['unmask-inside-mask-secret'],
    canary: 'CANARY-mask-wins',
  },
  {
    name: 'block-added-later',
    mechanism: 'data-ll-block added to an element later',
    body: '<p>CANARY-block-later</p><div id="b"><p>before block</p></div>',
    secrets: ['inside-late-block-secret'],
    canary: 'CANARY-block-later',
    act: async (page) => {
      await page.evaluate(() => document.getElementById('b')!.setAttribute('data-ll-block', ''));
      await page.waitForTimeout(20);
      await page.evaluate(() => {
        document.getElementById('b')!.insertAdjacentHTML('beforeend', '<p>inside-late-block-secret</p>');
      });
    },
  },
];
