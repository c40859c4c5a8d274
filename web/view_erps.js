// My ERPS: the latest score per branch with its interval, the trend over assessments, and the
// development map: a heat map of which emotion you pick for which, per-emotion accuracy (shrunk
// toward your organisation's), the unbiased hit rate, and what to practise next.
import { el, table } from './dom.js';
import { resultsTable } from './item_card.js';

const SVG = 'http://www.w3.org/2000/svg';
const BRANCHES = [
  ['overall', 'Overall', '#0b57d0'], ['recognition', 'Recognising', '#0f6b2f'],
  ['understanding', 'Understanding', '#8a4b00'], ['management', 'Managing', '#6f2da8'],
];

function svgEl(tag, attrs = {}) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  return n;
}

// Trend lines of each branch's ERPS over completed assessments, with the 500 reference line.
function trendChart(history) {
  const w = 480, h = 180, pad = 30;
  const svg = svgEl('svg', { viewBox: `0 0 ${w} ${h}`, class: 'trend', role: 'img',
    'aria-label': `ERPS over ${history.length} assessments` });
  const y = (v) => h - pad - ((v - 100) / 800) * (h - 2 * pad);
  const x = (i) => pad + (history.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (history.length - 1));
  svg.append(svgEl('line', { x1: pad, x2: w - pad, y1: y(500), y2: y(500), class: 'mean' }));
  for (const v of [300, 500, 700]) {
    const t = svgEl('text', { x: 2, y: y(v) + 4, class: 'tick' });
    t.textContent = String(v);
    svg.append(t);
  }
  for (const [branch, , colour] of BRANCHES) {
    const points = history.map((a, i) => {
      const r = a.results.find((b) => b.branch === branch);
      return r ? [x(i), y(r.erps)] : null;
    }).filter(Boolean);
    if (!points.length) continue;
    svg.append(svgEl('polyline', { points: points.map((p) => p.join(',')).join(' '), fill: 'none', stroke: colour, 'stroke-width': branch === 'overall' ? 3 : 1.5 }));
    for (const [px, py] of points) svg.append(svgEl('circle', { cx: px, cy: py, r: 3, fill: colour }));
  }
  const legend = el('p', { class: 'legend' }, BRANCHES.map(([, label, colour]) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour;
    return el('span', {}, swatch, ` ${label} `);
  }));
  return el('figure', {}, svg, legend);
}

// Rows: the emotion the item was about; columns: the emotion chosen. Shade = share of that row.
function heatMap(map) {
  const labels = map.labels;
  const shown = labels.map((_, t) => map.confusion_matrix[t].reduce((a, b) => a + b, 0));
  const cell = (t, c) => {
    const n = map.confusion_matrix[t][c];
    const rate = shown[t] ? n / shown[t] : 0;
    const hue = t === c ? '15, 107, 47' : '165, 14, 14';
    const td = el('td', {
      class: 'heat', title: n ? `${labels[t]} answered as ${labels[c]}: ${n} of ${shown[t]}` : null,
    }, n ? String(n) : '');
    // Through the CSSOM: the Content-Security-Policy forbids style attributes.
    if (n) td.style.background = `rgba(${hue}, ${0.15 + 0.85 * rate})`;
    if (rate > 0.5) td.style.color = '#fff';
    return td;
  };
  return el('div', { class: 'heat-wrap' }, el('table', { class: 'heatmap' },
    el('caption', {}, 'Which emotion you chose (columns) for each emotion shown (rows). Green: right; red: confusions.'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'shown ↓ / chosen →'),
      labels.map((l) => el('th', { scope: 'col', class: 'rot' }, el('span', {}, l))))),
    el('tbody', {}, labels.map((l, t) => shown[t] ? el('tr', {}, el('th', { scope: 'row' }, l), labels.map((_, c) => cell(t, c))) : null))));
}

const pct = (x) => `${Math.round(x * 100)}%`;

export async function erpsView({ api }) {
  const report = await api('GET', '/api/v1/me/erps');
  const map = report.development_map;
  if (!report.latest.length) {
    return el('section', {}, el('h1', {}, 'My ERPS'),
      el('p', {}, 'You have no score yet. ', el('a', { href: '#/assessment' }, 'Take the assessment'), ' (about 10–15 minutes) to get your Emotion-Recognition Proficiency Score.'));
  }
  const seen = map.emotions.filter((e) => e.shown > 0);
  return el('section', {},
    el('h1', {}, 'My ERPS'),
    resultsTable(report.latest),
    el('p', {}, el('small', {}, 'The score is 500 for the average learner of the reference population, and 100 points is one standard deviation. The interval is where your true score lies with 90% confidence; branch scores rest on fewer items, so their intervals are wider.')),
    el('h2', {}, 'Over time'),
    trendChart(report.history),
    el('h2', {}, 'What to practise next'),
    el('ol', { class: 'plan' }, map.practice_plan.map((e) => {
      const c = map.top_confusions.find((x) => x.target === e);
      return el('li', {}, el('strong', {}, e), c ? ` — you chose ${c.chosen} instead ${c.count} time${c.count === 1 ? '' : 's'}` : '');
    })),
    el('p', {}, el('a', { href: '#/practice' }, 'Start a practice session'), ' (it leans toward these emotions).'),
    el('h2', {}, 'Confusions'),
    heatMap(map),
    table('Per emotion', [
      { label: 'Emotion', value: (e) => e.emotion },
      { label: 'Items', value: (e) => String(e.shown) },
      { label: 'Right', value: (e) => pct(e.accuracy) },
      { label: 'Estimate (shrunk)', value: (e) => pct(e.shrunk_accuracy) },
      { label: 'Unbiased hit rate (chance)', value: (e) => `${e.unbiased_hit_rate.toFixed(2)} (${e.chance_hit_rate.toFixed(2)})` },
      { label: 'Label use', value: (e) => (e.shown < 3 ? 'too few items yet' : e.response_bias > 1.25 ? 'over-used' : e.response_bias < 0.75 ? 'under-used' : 'balanced') },
    ], seen));
}
