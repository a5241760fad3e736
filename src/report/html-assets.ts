/** The report page's stylesheet and script, inlined and allowed by hash in the page's CSP. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--muted:#6e7781;--line:#d0d7de}
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:80rem;padding:1rem 1.5rem}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid var(--line)}
.meta{color:var(--muted)}
.banner{border:1px solid var(--warn);padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
.figures{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.figure{border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.figure b{display:block;font-size:1.6rem}
.charts{display:flex;flex-wrap:wrap;gap:2rem}
.controls{display:flex;gap:.8rem;align-items:center;margin:.6rem 0}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
td.raw{min-width:16rem;max-width:28rem;overflow-wrap:anywhere}td.url{min-width:12rem;max-width:20rem;overflow-wrap:anywhere}
.s-live,.s-supported{color:var(--ok)}.s-rot,.s-unsupported{color:var(--bad)}
.s-suspect,.s-at-risk,.s-archived-only,.s-inconclusive{color:var(--warn)}
.claim{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.3rem .8rem}
.claim summary{cursor:pointer}.claim ul{padding-left:1.2rem}
code{overflow-wrap:anywhere}
`;

export const REPORT_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rows = data.rows.map(function (r) {
    r.search = [r.doc, r.section, r.claimStatus, r.state, r.verdict, r.raw, r.url, r.note].join(' ').toLowerCase();
    return r;
  });
  var tbody = document.querySelector('#citation-table tbody');
  var filter = document.getElementById('filter');
  var stateFilter = document.getElementById('state-filter');
  var count = document.getElementById('row-count');
  var headers = document.querySelectorAll('#citation-table th[data-key]');
  var sortKey = null;
  var sortDir = 1;
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function linkCell(tr, url) {
    var td = cell(tr, '', 'url');
    if (url && /^https?:\\/\\//i.test(url)) {
      var a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.textContent = url;
      td.appendChild(a);
    } else if (url) {
      td.textContent = url;
    }
  }
  function compare(a, b) {
    var x = a[sortKey];
    var y = b[sortKey];
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sortDir;
    return String(x === null ? '' : x).localeCompare(String(y === null ? '' : y)) * sortDir;
  }
  function render() {
    var q = filter.value.trim().toLowerCase();
    var st = stateFilter.value;
    var shown = rows.filter(function (r) {
      return (!st || r.state === st) && (!q || r.search.indexOf(q) !== -1);
    });
    if (sortKey) shown.sort(compare);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.dataset.state = r.state;
      cell(tr, r.doc);
      cell(tr, r.line);
      cell(tr, r.section);
      cell(tr, r.claimStatus, 's-' + r.claimStatus);
      cell(tr, r.state, 's-' + r.state);
      cell(tr, r.verdict);
      cell(tr, r.raw, 'raw');
      linkCell(tr, r.url);
      cell(tr, r.note);
      linkCell(tr, r.fix);
      fragment.appendChild(tr);
    });
    tbody.replaceChildren(fragment);
    count.textContent = 'Showing ' + shown.length + ' of ' + rows.length + ' citations';
  }
  headers.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.dataset.key;
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
      render();
    });
  });
  filter.addEventListener('input', render);
  stateFilter.addEventListener('change', render);
  render();
})();
`;
