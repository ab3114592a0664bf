// A deterministic page of about `nodes` DOM nodes for recording benchmarks, shaped like the
// research anchors' page: sections of prose (some sentences with an email or a card number),
// lists with inline styles, one form per section, and a stylesheet.
const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo'.split(' ');

export function benchPage(nodes = 10_000) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sentence = (i) => {
    const words = Array.from({ length: 8 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]);
    if (i % 17 === 0) words.push(`reach.user${i}@example.com`);
    if (i % 33 === 0) words.push('4111 1111 1111 1111');
    return words.join(' ');
  };
  const css = Array.from({ length: 60 }, (_, i) => `.c${i} { margin: ${i % 7}px; color: #${(i * 4099).toString(16).slice(0, 6).padEnd(6, '0')}; }`).join('\n');
  const sections = [];
  let count = 0;
  for (let s = 0; count < nodes; s++) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => `<p class="c${(s + p) % 60}">${sentence(s * 6 + p)}</p>`).join('');
    const items = Array.from({ length: 8 }, (_, i) => `<li style="padding:${i}px">${sentence(s + i)}</li>`).join('');
    const form = `<form><input name="n${s}" value="Name ${s}"><input type="email" value="f${s}@example.com"><input type="password" value="pw${s}">
      <textarea>notes ${s}</textarea><select><option>a</option><option selected>b</option></select></form>`;
    sections.push(`<section><h2>Section ${s}</h2>${paragraphs}<ul>${items}</ul>${form}</section>`);
    count += 1 + 2 + 6 * 2 + 1 + 8 * 2 + 1 + 2 + 1 + 1 + 2 + 1 + 2 + 2 * 2;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title><style>${css}</style></head><body>${sections.join('')}</body></html>`;
}
