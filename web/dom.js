// Tiny DOM helpers: build elements without innerHTML, so data is never parsed as markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

let clearTimer;
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  clearTimeout(clearTimer);
  // A fresh text node makes screen readers announce repeated messages too; the toast then fades.
  setTimeout(() => { status.textContent = message; }, 30);
  clearTimer = setTimeout(() => { status.textContent = ''; }, 5000);
}

export function table(caption, columns, rows) {
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.label)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c) => el('td', {}, c.value(r)))))));
}
