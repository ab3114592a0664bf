// The page of the scripted session: a small single-page app with navigation links, an article, a form
// and a feed that grows. `window.app.navigate(n)` swaps the article the way a router would.
const WORDS = 'the quick order ships today with tracking and a receipt by mail for every item in your cart please check the size and colour before you confirm'.split(' ');

export function sessionPage() {
  const script = `
    const WORDS = ${JSON.stringify(WORDS)};
    let seed = 11;
    const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length];
    const sentence = (n) => Array.from({ length: n }, word).join(' ');
    function article(n) {
      const sections = Array.from({ length: 12 }, (_, s) =>
        '<section><h2>Part ' + (s + 1) + ' of page ' + n + '</h2>' +
        Array.from({ length: 4 }, () => '<p>' + sentence(18) + '</p>').join('') +
        '<ul>' + Array.from({ length: 5 }, () => '<li><a href="/p/' + n + '">' + sentence(4) + '</a></li>').join('') + '</ul></section>');
      return '<h1>Page ' + n + '</h1>' + sections.join('');
    }
    window.app = {
      navigate(n) {
        history.pushState({}, '', '/page/' + n);
        document.title = 'Page ' + n;
        document.querySelector('article').innerHTML = article(n);
        scrollTo(0, 0);
      },
      addItem(n) {
        const item = document.createElement('li');
        item.innerHTML = '<b>Update ' + n + '</b> <span>' + sentence(10) + '</span> <time>' + n + 's ago</time>';
        document.getElementById('feed').prepend(item);
      },
    };
    document.querySelector('article').innerHTML = article(0);`;
  const links = Array.from({ length: 5 }, (_, i) => `<a href="/page/${i}">Page ${i}</a>`).join(' ');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<style>body{font:16px sans-serif;margin:0} nav{position:sticky;top:0;background:#eee} article{max-width:40em;margin:auto} #feed li{margin:4px 0}</style></head>
<body><nav>${links}</nav><main><article></article>
<form><label>Name <input name="name"></label><label>Email <input type="email" name="email"></label>
<textarea name="message" rows="4"></textarea><button type="button" id="send">Send</button></form>
<ul id="feed"></ul></main><script>${script}</script></body></html>`;
}
