// Duckstring dashboard: follows the read-only JSON API (long-poll) and draws the Pond graph. No dependencies.
'use strict';
(() => {
  const MIN_GAP_MS = 250; // between two long-polls, so a busy root costs at most 4 fetches a second
  const FALLBACK_MS = 2000; // when the view answered at once without a change (too many waiting)
  const MAX_BACKOFF_MS = 30000;
  const W = 224, H = 80, H_COMPACT = 52, GX = 88, GY = 16, PAD = 28;
  const COMPACT_FROM = 40; // nodes; larger graphs use shorter cards
  const NS = 'http://www.w3.org/2000/svg';
  const STATES = [
    ['fresh', 'fresh', 'idle, data published'],
    ['never', 'never run', 'deployed, nothing published yet'],
    ['queued', 'queued', 'demanded, waiting to run'],
    ['running', 'running', 'a Pond Run is in progress'],
    ['failed', 'failed', 'the last run failed'],
    ['killed', 'killed', 'stopped by kill; clear or wake it'],
    ['blocked', 'blocked', 'a Source failed or is missing'],
    ['repairing', 'repairing', 'in a repair: re-runs once its Sources in it are done'],
  ];
  const LABEL = Object.fromEntries(STATES.map(([k, l]) => [k, l]));
  const OUTCOME = {
    success: 'fresh',
    passed: 'fresh',
    failed: 'failed',
    timed_out: 'failed',
    running: 'running',
    killed: 'killed',
  };

  const $ = (id) => document.getElementById(id);
  let offset = 0; // server clock minus browser clock
  let status = null;
  let graphKey = '';
  let runsKey = '';
  let selected = null;
  let filter = '';
  let lastOk = 0;
  let version = null; // of the last /api/status answer; ?since= it waits for the next change
  let connected = false;
  let runKey = '';
  const ageCells = new Map();

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    });
    kids.flat().forEach((k) => k != null && e.append(k));
    return e;
  }

  function sv(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text != null) e.textContent = text;
    return e;
  }

  const now = () => Date.now() + offset;

  function human(ms) {
    if (ms == null || !isFinite(ms)) return '–';
    if (ms < 10000) return (Math.max(0, ms) / 1000).toFixed(1) + 's';
    const s = Math.round(ms / 1000);
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + String(s % 60).padStart(2, '0') + 's';
    const h = Math.floor(m / 60);
    if (h < 48) return h + 'h ' + String(m % 60).padStart(2, '0') + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  const ago = (iso) => (iso ? human(now() - Date.parse(iso)) + ' ago' : '–');
  const took = (a, b) => (a && b ? human(Date.parse(b) - Date.parse(a)) : '–');
  const local = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

  /** The colour class of a line: its engine state, with idle split into fresh and never run. */
  function visual(s) {
    if (!s) return 'never';
    if (s.state === 'idle') return s.endF ? 'fresh' : 'never';
    return LABEL[s.state] ? s.state : 'never';
  }

  function demand(s) {
    if (!s) return 'none';
    const d = [];
    if (s.hasPull) d.push('pull');
    if (s.targets && s.targets.length) d.push('push' + (s.targets.length > 1 ? ' ×' + s.targets.length : ''));
    (s.held || []).forEach((h) => d.push('held ' + h));
    return d.length ? d.join(' + ') : 'none';
  }

  // ---------- data ----------

  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return [await r.text(), r];
  }

  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

  /**
   * Follows /api/status: each answer carries a version, and ?since=<version> waits (up to 25 s) for
   * the next change. Reconnects with a growing, jittered backoff while the view cannot be reached.
   */
  async function follow() {
    let backoff = 0;
    for (;;) {
      const asked = Date.now();
      try {
        const [text] = await getJson('api/status' + (version ? '?since=' + encodeURIComponent(version) : ''));
        const s = JSON.parse(text);
        const same = version != null && s.version === version;
        version = s.version || null;
        backoff = 0;
        showStatus(s);
        if (!same) await Promise.all([loadRuns(), loadRun()]);
        const early = same && Date.now() - asked < 1000;
        await sleep(!version || early ? FALLBACK_MS : MIN_GAP_MS);
      } catch (e) {
        connected = false;
        setLive(false, e);
        backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 1000);
        await sleep(backoff * (0.75 + Math.random() / 2));
      }
    }
  }

  function showStatus(s) {
    offset = Date.parse(s.now) - Date.now();
    status = s;
    lastOk = Date.now();
    connected = true;
    $('catchment').textContent = s.catchment;
    document.title = s.catchment + ' · Duckstring';
    const key = JSON.stringify([s.lines.map((l) => ({ ...l, updatedAt: 0 })), s.nodes.map((n) => ({ ...n, stalenessSeconds: 0 })), s.edges]);
    if (key !== graphKey) {
      graphKey = key;
      drawGraph(s);
      drawCounts(s);
      drawAttention(s);
    }
    tick();
  }

  async function loadRuns() {
    const runsUrl = 'api/runs?limit=30' + (selected ? '&pond=' + encodeURIComponent(selected.split('@')[0]) : '');
    const [runsText] = await getJson(runsUrl);
    if (runsText !== runsKey) {
      runsKey = runsText;
      drawRuns(JSON.parse(runsText).runs);
    }
  }

  /** The run the address names (#/runs/<pond>/<major>/<run>), or null for the overview. */
  function route() {
    const m = location.hash.match(/^#\/runs\/([^/]+)\/(\d+)\/([^/]+)$/);
    return m ? { pond: decodeURIComponent(m[1]), major: m[2], id: decodeURIComponent(m[3]) } : null;
  }

  const runHref = (line, id) => '#/runs/' + encodeURIComponent(line.split('@')[0]) + '/' + line.split('@')[1] + '/' + encodeURIComponent(id);

  /** Shows the run page when the address names a run; reads the run afresh on every change. */
  async function loadRun() {
    const r = route();
    document.body.classList.toggle('run-page', Boolean(r));
    $('run-panel').hidden = !r;
    if (!r) {
      runKey = '';
      return;
    }
    const url = 'api/ponds/' + encodeURIComponent(r.pond) + '/runs/' + encodeURIComponent(r.id) + '?version=' + r.major;
    const resp = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    const text = await resp.text();
    if (text === runKey) return;
    runKey = text;
    const body = JSON.parse(text);
    if (!resp.ok) {
      drawRunMissing(r, body.error);
    } else {
      drawRun(body);
    }
  }

  function setLive(ok, err) {
    const live = $('live');
    live.classList.toggle('ok', ok);
    live.classList.toggle('down', !ok);
    $('live-text').textContent = ok
      ? 'live · last answer ' + human(Date.now() - lastOk) + ' ago'
      : 'disconnected, retrying' + (lastOk ? ' (last update ' + human(Date.now() - lastOk) + ' ago)' : '');
    if (err) live.title = String(err);
  }

  /** Updates everything that depends only on the clock, once a second. */
  function tick() {
    if (lastOk && connected) setLive(true);
    ageCells.forEach((cell, line) => {
      const s = statusOf(line);
      cell.textContent = s && s.endF ? human(now() - Date.parse(s.endF)) + ' old' : 'no data yet';
    });
    document.querySelectorAll('[data-ago]').forEach((e) => (e.textContent = ago(e.getAttribute('data-ago'))));
    document.querySelectorAll('[data-since]').forEach((e) => (e.textContent = human(now() - Date.parse(e.getAttribute('data-since')))));
  }

  const statusOf = (line) => (status ? status.lines.find((l) => l.line === line) : null);

  // ---------- graph ----------

  function model(s) {
    const byLine = new Map();
    s.nodes.forEach((n) => byLine.set(n.line, { ...n }));
    s.lines.forEach((l) => {
      if (!byLine.has(l.line)) byLine.set(l.line, { line: l.line, pond: l.pond, major: l.major, type: '', version: l.version, ripples: [] });
    });
    const ids = [...byLine.keys()].sort();
    const preds = new Map(ids.map((i) => [i, []]));
    const succs = new Map(ids.map((i) => [i, []]));
    const edges = [];
    s.edges.forEach((e) => {
      if (!byLine.has(e.sink)) return;
      if (!byLine.has(e.source)) {
        byLine.set(e.source, { line: e.source, pond: e.source.split('@')[0], major: +e.source.split('@')[1], type: 'missing', version: null, ripples: [], missing: true });
        ids.push(e.source);
        preds.set(e.source, []);
        succs.set(e.source, []);
      }
      preds.get(e.sink).push(e.source);
      succs.get(e.source).push(e.sink);
      edges.push(e);
    });
    // Layer = longest path from a node without Sources (cycles are cut where they are met).
    const layer = new Map();
    const visiting = new Set();
    const depth = (id) => {
      if (layer.has(id)) return layer.get(id);
      if (visiting.has(id)) return 0;
      visiting.add(id);
      let d = 0;
      preds.get(id).forEach((p) => (d = Math.max(d, depth(p) + 1)));
      visiting.delete(id);
      layer.set(id, d);
      return d;
    };
    ids.forEach(depth);
    const layers = [];
    ids.forEach((id) => (layers[layer.get(id)] = layers[layer.get(id)] || []).push(id));
    for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];
    // Order each layer by the mean position of its neighbours, sweeping both ways.
    const pos = new Map();
    const place = (ls) => ls.forEach((id, i) => pos.set(id, i - (ls.length - 1) / 2));
    layers.forEach(place);
    for (let pass = 0; pass < 8; pass++) {
      const down = pass % 2 === 0;
      const seq = down ? layers.slice(1) : layers.slice(0, -1).reverse();
      seq.forEach((ls) => {
        const bc = new Map(ls.map((id) => {
          const ns = down ? preds.get(id) : succs.get(id);
          return [id, ns.length ? ns.reduce((a, n) => a + pos.get(n), 0) / ns.length : pos.get(id)];
        }));
        ls.sort((a, b) => bc.get(a) - bc.get(b) || a.localeCompare(b));
        place(ls);
      });
    }
    return { byLine, ids, preds, succs, edges, layers };
  }

  function drawGraph(s) {
    const svg = $('graph');
    svg.replaceChildren();
    ageCells.clear();
    const m = model(s);
    $('graph-empty').hidden = m.ids.length > 0;
    svg.style.display = m.ids.length ? 'block' : 'none';
    if (!m.ids.length) return;
    const compact = m.ids.length >= COMPACT_FROM;
    const h = compact ? H_COMPACT : H;
    const tallest = Math.max(...m.layers.map((l) => l.length));
    const xy = new Map();
    m.layers.forEach((ls, li) => {
      const top = PAD + ((tallest - ls.length) * (h + GY)) / 2;
      ls.forEach((id, i) => xy.set(id, [PAD + li * (W + GX), top + i * (h + GY)]));
    });
    const width = PAD * 2 + m.layers.length * W + (m.layers.length - 1) * GX;
    const height = PAD * 2 + tallest * h + (tallest - 1) * GY;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);

    const defs = sv('defs');
    const marker = sv('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(sv('path', { d: 'M0,1 L9,5 L0,9 z', class: 'arrow' }));
    defs.append(marker);
    svg.append(defs);

    const edgeLayer = sv('g', { class: 'edges' });
    const nodeLayer = sv('g', { class: 'nodes' });
    svg.append(edgeLayer, nodeLayer);
    const edgeEls = [];
    m.edges.forEach((e) => {
      const [x1, y1] = xy.get(e.source);
      const [x2, y2] = xy.get(e.sink);
      const a = [x1 + W, y1 + h / 2];
      const b = [x2 - 2, y2 + h / 2];
      const dx = Math.max(40, (b[0] - a[0]) / 2);
      const sink = statusOf(e.sink);
      const cls = ['edge'];
      if (e.optional) cls.push('optional');
      if (!e.deployed) cls.push('missing');
      if (sink && (sink.state === 'running' || sink.state === 'queued') && e.deployed) cls.push('flow');
      const p = sv('path', { d: `M${a[0]},${a[1]} C${a[0] + dx},${a[1]} ${b[0] - dx},${b[1]} ${b[0]},${b[1]}`, class: cls.join(' '), 'marker-end': 'url(#arrow)' });
      p.dataset.source = e.source;
      p.dataset.sink = e.sink;
      edgeLayer.append(p);
      edgeEls.push(p);
    });

    m.ids.forEach((id) => {
      const n = m.byLine.get(id);
      const st = statusOf(id);
      const vis = n.missing ? 'blocked' : visual(st);
      const [x, y] = xy.get(id);
      const g = sv('g', { class: `node ${vis}`, transform: `translate(${x},${y})`, tabindex: 0, role: 'button', 'aria-label': `${id} ${LABEL[vis]}` });
      g.dataset.line = id;
      g.dataset.state = vis;
      g.append(sv('rect', { class: 'card', width: W, height: h, rx: 10 }));
      g.append(sv('rect', { class: `bar s-${vis}`, x: 0, y: 0, width: 6, height: h, rx: 3 }));
      const title = sv('text', { class: 'title', x: 18, y: compact ? 21 : 24 });
      title.append(document.createTextNode(n.pond));
      title.append(sv('tspan', { class: 'major' }, '@' + n.major));
      g.append(title);
      g.append(sv('text', { class: 'type', x: W - 12, y: compact ? 20 : 22, 'text-anchor': 'end' }, n.missing ? 'not deployed' : n.type));
      const stateY = compact ? 41 : 68;
      if (n.run) g.append(rippleMarks(n, compact, Boolean(st && st.trigger)));
      if (!compact) {
        const rip = (n.ripples || []).length;
        const meta = n.version ? 'v' + n.version + ' · ' + rip + (rip === 1 ? ' ripple' : ' ripples') : '';
        if (!n.run) g.append(sv('text', { class: 'meta', x: 18, y: 46 }, meta));
        if (st && st.trigger) g.append(badge(st.trigger, W - 12, 46));
      } else if (st && st.trigger) {
        g.append(badge(st.trigger.startsWith('wave') ? 'wave' : 'tide', W - 60, 21));
      }
      g.append(sv('circle', { class: `s-${vis}`, cx: 22, cy: stateY - 4, r: 4 }));
      let label = LABEL[vis];
      if (st && st.runsInFlight > 1) label += ' ×' + st.runsInFlight;
      g.append(sv('text', { class: `state c-${vis} s-${vis}`, x: 32, y: stateY }, label));
      if (!(compact && n.run)) {
        const age = sv('text', { class: 'age', x: W - 12, y: stateY, 'text-anchor': 'end' });
        ageCells.set(id, age);
        g.append(age);
      }
      g.addEventListener('mouseenter', (ev) => hover(id, n, ev, edgeEls, true));
      g.addEventListener('mousemove', (ev) => moveTip(ev));
      g.addEventListener('mouseleave', () => hover(id, n, null, edgeEls, false));
      g.addEventListener('click', () => select(id));
      g.addEventListener('keydown', (ev) => (ev.key === 'Enter' || ev.key === ' ') && select(id));
      nodeLayer.append(g);
    });
    applyFocus(m);
    tick();
  }

  /** A Ripple's state in a run: its recorded state, or waiting / not run when it has not started. */
  const rippleState = (x, runState) => (x ? x.state : runState === 'running' ? 'waiting' : 'not_run');

  /** The Ripples of a node's running run: one mark each (in declaration order), linking to the run page. */
  function rippleMarks(n, compact, trigger) {
    const run = n.run;
    const byName = new Map(run.ripples.map((x) => [x.name, x]));
    const names = [...(n.ripples || [])];
    run.ripples.forEach((x) => names.includes(x.name) || names.push(x.name));
    const max = compact ? 6 : trigger ? 6 : 10;
    const shown = names.slice(0, max);
    const y = compact ? 32 : 37;
    const x0 = compact ? W - 12 - shown.length * 12 + 3 : 18;
    const a = sv('a', { class: 'ripples', href: runHref(n.line, run.id) });
    a.append(sv('title', {}, 'Run ' + run.id + '\n' + names.map((nm) => {
      const x = byName.get(nm);
      return nm + ': ' + rippleState(x, 'running').replace('_', ' ') + (x && x.attempts > 1 ? ' (attempt ' + x.attempts + ')' : '');
    }).join('\n')));
    shown.forEach((nm, i) => {
      const state = rippleState(byName.get(nm), 'running');
      const mark = sv('rect', { class: 'rip r-' + state, x: x0 + i * 12, y, width: 9, height: 9, rx: 2 });
      mark.dataset.ripple = nm;
      mark.dataset.state = state;
      a.append(mark);
    });
    if (!compact) {
      const done = names.filter((nm) => byName.has(nm) && byName.get(nm).state === 'success').length;
      let label = (names.length > max ? '+' + (names.length - max) + ' · ' : '') + done + '/' + names.length;
      if (!trigger) {
        const running = names.filter((nm) => rippleState(byName.get(nm), 'running') === 'running');
        if (running.length) label += ' · ' + running.join(', ');
      }
      const x = x0 + shown.length * 12 + 4;
      const room = Math.floor((W - 12 - x) / 6.5);
      a.append(sv('text', { class: 'meta', x, y: 46 }, label.length > room ? label.slice(0, room - 1) + '…' : label));
    }
    a.addEventListener('click', (ev) => ev.stopPropagation());
    return a;
  }

  function badge(text, right, y) {
    const g = sv('g', { class: 'badge' });
    const short = text.replace(/^tide every /, 'tide ').replace(/(\d+h)00m$/, '$1');
    const label = (text.startsWith('wave') ? '≋ ' : '◷ ') + (short.length > 18 ? short.slice(0, 17) + '…' : short);
    const t = sv('text', { x: right - 8, y: y, 'text-anchor': 'end' }, label);
    const w = 16 + label.length * 6.1;
    g.append(sv('rect', { x: right - w, y: y - 12, width: w, height: 17, rx: 8.5 }));
    g.append(t);
    g.append(sv('title', {}, text));
    return g;
  }

  /** Dims what the filter or the selection leaves out. */
  function applyFocus(m) {
    const model_ = m || (status ? model(status) : null);
    if (!model_) return;
    const keep = new Set();
    if (selected && model_.byLine.has(selected)) {
      const walk = (id, next) => {
        if (keep.has(id + next)) return;
        keep.add(id + next);
        keep.add(id);
        (next === 'up' ? model_.preds : model_.succs).get(id).forEach((n) => walk(n, next));
      };
      walk(selected, 'up');
      walk(selected, 'down');
    }
    document.querySelectorAll('#graph .node').forEach((g) => {
      const id = g.dataset.line;
      const byFilter = filter && !id.includes(filter);
      const bySelection = selected && !keep.has(id);
      g.classList.toggle('dim', Boolean(byFilter || bySelection));
      g.classList.toggle('selected', id === selected);
    });
  }

  function select(id) {
    selected = selected === id ? null : id;
    $('runs-scope').textContent = selected ? 'Pond ' + selected.split('@')[0] + ' (upstream and downstream highlighted)' : 'all Ponds';
    $('runs-clear').hidden = !selected;
    runsKey = '';
    applyFocus();
    loadRuns().catch((e) => setLive(false, e));
  }

  function hover(id, n, ev, edgeEls, on) {
    edgeEls.forEach((p) => p.classList.toggle('hot', on && (p.dataset.source === id || p.dataset.sink === id)));
    const tip = $('tip');
    if (!on) {
      tip.hidden = true;
      return;
    }
    const s = statusOf(id);
    const vis = n.missing ? 'blocked' : visual(s);
    const rows = [];
    const add = (k, v) => v != null && v !== '' && rows.push(el('dt', { text: k }), el('dd', { text: v }));
    add('Version', n.version ? n.version + (s && s.versions && s.versions.length > 1 ? '  (deployed: ' + s.versions.join(', ') + ')' : '') : 'not deployed');
    if (s && s.codePending) add('Data made by', (s.publishedVersion || 'unknown code') + (s.publishedVersion === s.version ? ' (redeploy not run yet)' : ' (' + s.version + ' not run yet)'));
    add('Type', n.type);
    add('Sources', s && s.sources.length ? s.sources.join(', ') : 'none (starts freshness)');
    add('Data as of', s && s.endF ? local(s.endF) : 'never');
    add('Data age', s && s.endF ? human(now() - Date.parse(s.endF)) : '–');
    add('Demand', demand(s));
    add('Trigger', s && s.trigger ? s.trigger : 'none');
    add('Runs', s ? s.runsCompleted + ' completed' + (s.runsInFlight ? ', ' + s.runsInFlight + ' in flight' : '') : '–');
    if (s && s.lastRun) add('Last run', s.lastRun.outcome + ', ' + ago(s.lastRun.ended || s.lastRun.started));
    add('Ripples', (n.ripples || []).join(', '));
    if (n.run) {
      const running = n.run.ripples.filter((x) => x.state === 'running').map((x) => x.name + (x.attempts > 1 ? ' (attempt ' + x.attempts + ')' : ''));
      add('Running', running.length ? running.join(', ') : 'between Ripples');
      add('Run', n.run.id + ', started ' + ago(n.run.started));
    }
    if (s && s.missingSources.length) add('Missing', s.missingSources.join(', '));
    if (s && s.blockedBy.length) add('Blocked by', s.blockedBy.join(', '));
    tip.replaceChildren(
      el('h3', {}, id, el('span', { class: `pill bg-${vis}`, text: LABEL[vis] })),
      el('dl', {}, rows),
      s && s.error ? el('div', { class: 'err', text: s.error }) : null
    );
    tip.hidden = false;
    moveTip(ev);
  }

  function moveTip(ev) {
    const tip = $('tip');
    if (tip.hidden || !ev) return;
    const r = tip.getBoundingClientRect();
    let x = ev.clientX + 16;
    let y = ev.clientY + 16;
    if (x + r.width > window.innerWidth - 8) x = ev.clientX - r.width - 16;
    if (y + r.height > window.innerHeight - 8) y = Math.max(8, window.innerHeight - r.height - 8);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  // ---------- panels ----------

  function drawCounts(s) {
    const counts = {};
    s.lines.forEach((l) => (counts[visual(l)] = (counts[visual(l)] || 0) + 1));
    const kids = [el('span', { class: 'count' }, el('b', { text: String(Math.max(s.lines.length, s.nodes.length)) }), ' lines')];
    STATES.forEach(([k, label]) => {
      if (counts[k]) kids.push(el('span', { class: 'count', title: label }, el('span', { class: `sw bg-${k}` }), el('b', { text: String(counts[k]) }), ' ' + label));
    });
    $('counts').replaceChildren(...kids);
  }

  function drawLegend() {
    const items = STATES.map(([k, label, help]) => el('span', { title: help }, el('i', { class: `bg-${k}` }), label));
    items.push(el('span', { title: 'a Source marked optional with ?' }, '┄ optional Source'));
    $('legend').replaceChildren(...items);
  }

  function drawAttention(s) {
    const bad = s.lines.filter((l) => l.state === 'failed' || l.state === 'killed' || l.state === 'blocked' || l.error);
    $('attention-panel').hidden = bad.length === 0;
    $('attention').replaceChildren(
      ...bad.map((l) =>
        el('li', {},
          el('span', { class: 'line', text: l.line }),
          el('span', { class: `outcome c-${visual(l)}` }, el('i', { class: `bg-${visual(l)}` }), LABEL[visual(l)]),
          el('span', { class: 'msg', text: l.error || (l.blockedBy.length ? 'blocked by ' + l.blockedBy.join(', ') : 'missing ' + l.missingSources.join(', ')) })))
    );
  }

  function drawRuns(runs) {
    $('runs-empty').hidden = runs.length > 0;
    $('runs').replaceChildren(
      ...runs.map((r) => {
        const vis = OUTCOME[r.state] || 'never';
        const ripples = r.ripples.map((rr) =>
          el('span', { class: 'rip' + (rr.state === 'failed' || rr.state === 'timed_out' ? ' failed' : ''), title: rr.error || rr.state },
            rr.name + (rr.rows != null ? ' · ' + rr.rows.toLocaleString() + ' rows' : '') + (rr.durationMs != null ? ' · ' + human(rr.durationMs) : '')));
        const errors = [r.error, ...r.ripples.filter((x) => x.error && x.error !== r.error).map((x) => x.name + ': ' + x.error)].filter(Boolean);
        return el('tr', { class: r.state },
          el('td', { class: 'line' }, el('a', { href: runHref(r.line, r.id), title: 'run ' + r.id, text: r.line })),
          el('td', {}, el('span', { class: `outcome c-${vis}` }, el('i', { class: `bg-${vis}` }), r.state === 'passed' ? 'no change' : r.state.replace('_', ' '))),
          el('td', { class: 'num', title: local(r.started), 'data-ago': r.started || '' }, ago(r.started)),
          el('td', { class: 'num' }, r.state === 'running' ? 'running' : took(r.started, r.ended)),
          el('td', {}, ripples.length ? ripples : el('span', { class: 'muted', text: r.state === 'passed' ? 'no Source changed; previous data kept' : '' })),
          el('td', { class: 'err', text: errors.join('\n') }));
      })
    );
  }

  // ---------- run page ----------

  const RIPPLE_VIS = { success: 'fresh', running: 'running', failed: 'failed', timed_out: 'failed', killed: 'killed', waiting: 'queued', not_run: 'never' };

  function drawRun(rep) {
    const r = rep.run;
    const vis = OUTCOME[r.state] || 'never';
    $('run-title').textContent = rep.line;
    $('run-outcome').replaceChildren(el('span', { class: `outcome c-${vis}` }, el('i', { class: `bg-${vis}` }), r.state === 'passed' ? 'no change' : r.state.replace('_', ' ')));
    $('run-id').textContent = 'run ' + r.id;
    const rows = [];
    const add = (k, v) => v != null && v !== '' && rows.push(el('dt', { text: k }), el('dd', {}, v));
    add('Version', r.version);
    add('Freshness', local(r.f));
    add('Started', local(r.started));
    add(r.ended ? 'Took' : 'Running for', r.ended ? took(r.started, r.ended) : el('span', { 'data-since': r.started }, human(now() - Date.parse(r.started))));
    add('Published', r.generation ? r.generation + (r.changed === false ? ' (same data as before)' : '') : null);
    $('run-facts').replaceChildren(...rows);
    $('run-error').hidden = !r.error;
    $('run-error').textContent = r.error || '';
    const byName = new Map(r.ripples.map((x) => [x.name, x]));
    const names = [...rep.ripples];
    r.ripples.forEach((x) => names.includes(x.name) || names.push(x.name));
    $('run-ripples').replaceChildren(
      ...names.map((nm) => {
        const x = byName.get(nm);
        const state = rippleState(x, r.state);
        const rv = RIPPLE_VIS[state] || 'never';
        const attempts = x ? x.attempts || [] : [];
        const tries = el('td', { class: 'num', title: attempts.map((a) => '#' + a.attempt + ' ' + a.state + (a.error ? ': ' + a.error : '')).join('\n') }, x ? String(Math.max(1, attempts.length)) : '–');
        const dur = !x ? '–' : x.durationMs != null ? human(x.durationMs) : x.state === 'running' && x.started ? el('span', { 'data-since': x.started }, human(now() - Date.parse(x.started))) : took(x.started, x.ended);
        const tr = el('tr', { class: state },
          el('td', { class: 'line', text: nm }),
          el('td', {}, el('span', { class: `outcome c-${rv}` }, el('i', { class: `bg-${rv}` }), state.replace('_', ' '))),
          tries,
          el('td', { class: 'num', title: x ? local(x.started) : '' }, x && x.started ? local(x.started) : '–'),
          el('td', { class: 'num' }, dur),
          el('td', { class: 'num', text: x && x.rows != null ? x.rows.toLocaleString() : '–' }),
          el('td', { class: 'err', text: (x && x.error) || '' }));
        tr.dataset.ripple = nm;
        tr.dataset.state = state;
        return tr;
      })
    );
    drawTests(r.tests || []);
    tick();
  }

  // The run's data tests (decision 49): each with its state and up to 5 failing rows.
  function drawTests(tests) {
    $('run-tests-table').hidden = tests.length === 0;
    $('run-tests').replaceChildren(
      ...tests.map((t) => {
        const state = t.error == null && t.rows === 0 ? 'passed' : t.severity === 'warn' ? 'warn' : 'failed';
        const vis = state === 'passed' ? 'fresh' : state === 'warn' ? 'blocked' : 'failed';
        const sample = (t.sample || []).map((row) => row.map((v) => (v == null ? 'NULL' : v)).join(' | '));
        const detail = t.error || (sample.length ? [(t.columns || []).join(' | '), ...sample].join('\n') : '');
        const tr = el('tr', { class: state },
          el('td', { class: 'line', text: t.name, title: t.origin }),
          el('td', { text: t.severity }),
          el('td', {}, el('span', { class: `outcome c-${vis}` }, el('i', { class: `bg-${vis}` }), state)),
          el('td', { class: 'num' }, human(t.millis)),
          el('td', { class: 'num', text: t.rows.toLocaleString() }),
          el('td', { class: 'err sample', text: detail }));
        tr.dataset.test = t.name;
        tr.dataset.state = state;
        return tr;
      })
    );
  }

  function drawRunMissing(r, error) {
    $('run-title').textContent = r.pond + '@' + r.major;
    $('run-outcome').replaceChildren();
    $('run-id').textContent = 'run ' + r.id;
    $('run-facts').replaceChildren();
    $('run-error').hidden = false;
    $('run-error').textContent = error || 'no such run';
    $('run-ripples').replaceChildren();
    drawTests([]);
  }

  // ---------- start ----------

  drawLegend();
  $('filter').addEventListener('input', (e) => {
    filter = e.target.value.trim().toLowerCase();
    applyFocus();
  });
  $('runs-clear').addEventListener('click', () => select(selected));
  document.addEventListener('keydown', (e) => e.key === 'Escape' && selected && select(selected));
  window.addEventListener('hashchange', () => {
    runKey = '';
    loadRun().catch((e) => setLive(false, e));
  });
  follow();
  setInterval(tick, 1000);
})();
