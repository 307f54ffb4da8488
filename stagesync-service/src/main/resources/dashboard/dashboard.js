// The stagesync dashboard: reads the admin API with the user's token and shows what it answers.
// Numbers are the API's own (no client-side recomputation); each numeric cell carries the API's value in
// data-value and a formatted text. Text from the API is set with textContent only (record data is untrusted).
'use strict';

(function () {
  const REFRESH_MS = 5000;
  const TOKEN_KEY = 'stagesync.adminToken';
  const RECENT = 20;

  const $ = (id) => document.getElementById(id);
  let token = null;
  let timer = null;
  let sequence = 0;
  const rendered = {};

  // --- formatting: one rule per kind of number, used everywhere ---------------------------------------

  /** A share in 0..1 as a percentage with one decimal, e.g. 0.3333 → "33.3 %"; null → "—". */
  function pct(x) {
    return x === null || x === undefined ? '—' : (x * 100).toFixed(1) + ' %';
  }

  /** A count or a scaled target: whole numbers as they are, others with two decimals. */
  function num(x) {
    if (x === null || x === undefined) {
      return '—';
    }
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
  }

  function days(x) {
    return x === null || x === undefined ? '—' : x.toFixed(1) + ' d';
  }

  /** Seconds as the largest unit that keeps it readable: 42 s, 17 min, 5 h, 3 d. */
  function duration(seconds) {
    if (seconds === null || seconds === undefined) {
      return '—';
    }
    const s = Math.max(0, seconds);
    if (s < 120) {
      return Math.round(s) + ' s';
    }
    if (s < 2 * 3600) {
      return Math.round(s / 60) + ' min';
    }
    if (s < 48 * 3600) {
      return Math.round(s / 3600) + ' h';
    }
    return Math.round(s / 86400) + ' d';
  }

  /** A team KPI's value as its unit says: count, rate (percentage), amount, days. */
  function byUnit(unit) {
    switch (unit) {
      case 'rate':
        return pct;
      case 'amount':
        return (x) => (x === null || x === undefined ? '—' : amount(Number.isInteger(x) ? x : x.toFixed(2)));
      case 'days':
        return days;
      default:
        return num;
    }
  }

  const STATUS_TEXT = {MET: 'met', MISSED: 'missed', NO_DATA: 'no data'};

  // --- small DOM helpers ------------------------------------------------------------------------------

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  /** A cell showing a formatted number, with the API's value in data-value ("null" when there is none). */
  function numberCell(field, value, format) {
    return el('td', {'data-field': field, 'data-value': value === undefined ? 'null' : String(value), class: 'num'},
      format(value));
  }

  function textCell(field, text) {
    return el('td', {'data-field': field}, text === null || text === undefined || text === '' ? '—' : text);
  }

  function timeCell(field, iso) {
    const missing = iso === null || iso === undefined;
    const cell = el('td', {'data-field': field, 'data-value': missing ? 'null' : iso});
    if (missing) {
      cell.textContent = '—';
    } else {
      cell.appendChild(el('time', {datetime: iso}, iso));
    }
    return cell;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  function emptyRow(columns, text) {
    const row = el('tr', {class: 'empty'});
    row.appendChild(el('td', {colspan: columns}, text));
    return row;
  }

  // --- charts: inline SVG, every mark with its API value in data-value and a <title> ------------------

  /** SVG elements are made in the namespace of the page's own inline <svg> charts (the parser gives it). */
  function svg(tag, attributes, text) {
    const node = document.createElementNS($('funnel-chart').namespaceURI, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  /**
   * Vertical bars, one per item ({label, value, title, attributes}), scaled to the largest value; a null value
   * draws a flat grey mark. Labels under the bars when there is room.
   */
  function columnChart(target, items, options) {
    const width = options.width;
    const height = options.height;
    const top = 14;
    const bottom = options.labels ? 18 : 4;
    const slot = width / Math.max(1, items.length);
    const max = Math.max(0, ...items.map((i) => (i.value === null || i.value === undefined ? 0 : i.value)));
    target.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    target.setAttribute('width', width);
    target.setAttribute('height', height);
    const nodes = [svg('line', {class: 'axis', x1: 0, x2: width, y1: height - bottom, y2: height - bottom})];
    items.forEach((item, i) => {
      const missing = item.value === null || item.value === undefined;
      const size = missing || max === 0 ? 0 : (height - top - bottom) * item.value / max;
      const bar = svg('rect', Object.assign({
        class: 'bar' + (missing ? ' missing' : ''), x: (i * slot + slot * 0.15).toFixed(1),
        y: (height - bottom - Math.max(size, 1)).toFixed(1), width: (slot * 0.7).toFixed(1),
        height: Math.max(size, 1).toFixed(1), 'data-value': missing ? 'null' : item.value
      }, item.attributes || {}));
      bar.appendChild(svg('title', {}, item.title));
      nodes.push(bar);
      if (options.values && !missing) {
        nodes.push(svg('text', {x: (i * slot + slot / 2).toFixed(1), y: (height - bottom - size - 3).toFixed(1),
          'text-anchor': 'middle'}, item.text));
      }
      if (options.labels) {
        nodes.push(svg('text', {class: 'muted', x: (i * slot + slot / 2).toFixed(1), y: height - 4,
          'text-anchor': 'middle'}, item.label));
      }
    });
    target.replaceChildren(...nodes);
  }

  // --- state: token, period, messages -----------------------------------------------------------------

  function setStatus(state, message) {
    const status = $('status');
    status.dataset.state = state;
    status.textContent = message;
  }

  /** Reads token, period and from of the URL fragment; the token moves to session storage and leaves the URL. */
  function readFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const fromFragment = params.get('token');
    if (fromFragment) {
      sessionStorage.setItem(TOKEN_KEY, fromFragment);
    }
    if (params.get('period')) {
      $('period').value = params.get('period');
    }
    if (params.get('from')) {
      $('from').value = params.get('from');
    }
    if (params.get('trend')) {
      $('trend-unit').value = params.get('trend');
    }
    writeFragment();
  }

  /** Keeps period and from in the fragment (to bookmark a view), never the token. */
  function writeFragment() {
    const params = new URLSearchParams();
    params.set('period', $('period').value);
    if ($('from').value) {
      params.set('from', $('from').value);
    }
    if ($('trend-unit').value !== 'month') {
      params.set('trend', $('trend-unit').value);
    }
    history.replaceState(null, '', location.pathname + location.search + '#' + params.toString());
  }

  function askForToken(state, message) {
    token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    clearTimeout(timer);
    $('token-form').hidden = false;
    $('settings-form').hidden = true;
    setStatus(state, message);
    $('token').focus();
  }

  // --- the API ----------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(state, message) {
      super(message);
      this.state = state;
    }
  }

  /** @param allowMissing answer null instead of failing on 404 (a resource that may not exist yet) */
  async function api(pathAndQuery, allowMissing) {
    let response;
    try {
      response = await fetch(pathAndQuery, {
        headers: {Authorization: 'Bearer ' + token, Accept: 'application/json'},
        cache: 'no-store', credentials: 'omit', redirect: 'error'
      });
    } catch (e) {
      throw new ApiError('unreachable', 'Cannot reach the admin API at ' + location.origin + ' (' + e.message
        + '): is stagesync running? Retrying every ' + REFRESH_MS / 1000 + ' s.');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    const said = body && typeof body.error === 'string' ? body.error : response.statusText;
    if (response.status === 401) {
      throw new ApiError('unauthorized', 'The admin API refused the token (401: ' + said + '). Enter the value of '
        + 'stagesync.admin.token.');
    }
    if (allowMissing && response.status === 404) {
      return null;
    }
    if (!response.ok || body === null) {
      throw new ApiError('error', 'The admin API answered ' + response.status + ' to ' + pathAndQuery.split('?')[0]
        + ': ' + said + '. Retrying every ' + REFRESH_MS / 1000 + ' s.');
    }
    return body;
  }

  function kpiQuery() {
    const params = new URLSearchParams();
    params.set('period', $('period').value);
    if ($('from').value) {
      params.set('from', $('from').value);
    }
    return '/api/kpis?' + params.toString();
  }

  /** The last 12 weeks or months, up to the one containing the period's start (or now). */
  function trendQuery() {
    const params = new URLSearchParams();
    params.set('period', $('trend-unit').value);
    params.set('count', '12');
    if ($('from').value) {
      params.set('at', $('from').value);
    }
    return '/api/kpis/trend?' + params.toString();
  }

  /**
   * Whether a panel's data differs from what it shows: a panel is rebuilt only then, so figures that did not
   * change stay put between refreshes (no flicker, the page keeps its place, an open trace stays).
   */
  function changed(panel, data) {
    const fingerprint = JSON.stringify(data);
    if (rendered[panel] === fingerprint) {
      return false;
    }
    rendered[panel] = fingerprint;
    return true;
  }

  async function refresh() {
    clearTimeout(timer);
    if (!token) {
      askForToken('needs-token', 'Enter the admin token to see the funnel.');
      return;
    }
    const mine = ++sequence;
    try {
      const [kpis, trend, violations, deadLetters, connectors, reconcile] = await Promise.all([
        api(kpiQuery()),
        api(trendQuery()),
        api('/api/violations?order=newest&limit=' + RECENT),
        api('/api/dead-letters?status=open&limit=' + RECENT),
        api('/api/connectors'),
        api('/api/reconcile', true)
      ]);
      if (mine !== sequence) {
        return;
      }
      renderPeriodLabel(kpis);
      const figures = Object.assign({}, kpis, {asOf: null});
      if (changed('funnel', figures)) {
        renderFunnel(kpis);
        renderFunnelChart(kpis);
        renderTimeInStage(kpis.timeInStage);
        renderCampaignRoi(kpis.campaignRoi);
      }
      if (changed('teamKpis', [figures, Object.assign({}, trend, {asOf: null})])) {
        renderTeamKpis(kpis, trend);
      }
      if (changed('violations', [violations, kpis.violations])) {
        renderViolations(violations, kpis.violations);
      }
      if (changed('deadLetters', deadLetters)) {
        renderDeadLetters(deadLetters);
      }
      if (changed('reconcile', reconcile)) {
        renderReconcile(reconcile);
      }
      renderConnectors(connectors);
      const main = $('dashboard');
      main.hidden = false;
      main.dataset.stale = 'false';
      main.dataset.loadedAt = new Date().toISOString();
      setStatus('ok', 'Updated ' + new Date().toLocaleTimeString() + '; refreshes every ' + REFRESH_MS / 1000 + ' s.');
    } catch (e) {
      if (mine !== sequence) {
        return;
      }
      if (e instanceof ApiError && e.state === 'unauthorized') {
        $('dashboard').hidden = true;
        askForToken('unauthorized', e.message);
        return;
      }
      $('dashboard').dataset.stale = 'true';
      setStatus(e instanceof ApiError ? e.state : 'error',
        e instanceof ApiError ? e.message : 'The dashboard failed: ' + e.message);
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  // --- panels -----------------------------------------------------------------------------------------

  function teamNames(kpis) {
    const names = {};
    kpis.teams.forEach((t) => { names[t.team] = t.name; });
    return names;
  }

  /** The conversion target the API reports for a handoff, with its team, or null. */
  function conversionTarget(kpis, from, to) {
    for (const team of kpis.teams) {
      for (const target of team.targets) {
        if (target.metric === 'conversion' && target.from === from && target.to === to) {
          return {team: team, target: target};
        }
      }
    }
    return null;
  }

  /** The team KPI of that name with its team, or null. */
  function teamKpi(kpis, name) {
    for (const team of kpis.teams) {
      for (const kpi of team.kpis || []) {
        if (kpi.kpi === name) {
          return {team: team, kpi: kpi};
        }
      }
    }
    return null;
  }

  /** The first target on a team KPI of that name, with its team, or null. */
  function targetOf(kpis, metric) {
    for (const team of kpis.teams) {
      for (const target of team.targets) {
        if (target.metric === metric) {
          return {team: team, target: target};
        }
      }
    }
    return null;
  }

  function renderPeriodLabel(kpis) {
    const label = $('period-label');
    label.textContent = 'Period ' + kpis.from + ' to ' + kpis.to + ' (end excluded), as of ' + kpis.asOf
      + (kpis.entityType ? ', ' + kpis.entityType + ' records only' : '') + '.';
    label.dataset.from = kpis.from;
    label.dataset.to = kpis.to;
  }

  function renderFunnel(kpis) {
    const b = kpis.bottleneck;
    const bottleneck = $('bottleneck');
    bottleneck.replaceChildren();
    if (b) {
      bottleneck.dataset.from = b.from;
      bottleneck.dataset.to = b.to;
      bottleneck.dataset.team = b.team;
      bottleneck.dataset.none = 'false';
      bottleneck.appendChild(el('strong', {}, 'Bottleneck: '));
      bottleneck.appendChild(el('span', {'data-field': 'handoff'}, b.from + ' → ' + b.to));
      bottleneck.appendChild(document.createTextNode(' (' + (teamNames(kpis)[b.team] || b.team) + '): '));
      bottleneck.appendChild(el('span', {'data-field': 'actual', 'data-value': b.actual}, pct(b.actual)));
      bottleneck.appendChild(document.createTextNode(' against a target of '));
      bottleneck.appendChild(el('span', {'data-field': 'target', 'data-value': b.target}, pct(b.target)));
      bottleneck.appendChild(document.createTextNode(', '));
      bottleneck.appendChild(el('span', {'data-field': 'attainment', 'data-value': b.attainment}, pct(b.attainment)));
      bottleneck.appendChild(document.createTextNode(' of target: the handoff furthest below its target.'));
    } else {
      ['from', 'to', 'team'].forEach((k) => delete bottleneck.dataset[k]);
      bottleneck.dataset.none = 'true';
      bottleneck.textContent = 'No bottleneck: every handoff with data meets its conversion target.';
    }

    const names = teamNames(kpis);
    const rows = kpis.handoffs.map((h) => {
      const isBottleneck = !!b && b.from === h.from && b.to === h.to;
      const found = conversionTarget(kpis, h.from, h.to);
      const target = found ? found.target : null;
      const row = el('tr', {'data-from': h.from, 'data-to': h.to, 'data-bottleneck': String(isBottleneck),
        class: (isBottleneck ? 'bottleneck ' : '') + (target ? 'status-' + target.status : 'status-none')});
      row.appendChild(el('th', {scope: 'row'}, h.from + ' → ' + h.to));
      row.appendChild(textCell('team', found ? names[found.team.team] : null));
      row.appendChild(numberCell('entered', h.entered, num));
      row.appendChild(numberCell('converted', h.converted, num));
      row.appendChild(numberCell('rate', h.rate, pct));
      row.appendChild(numberCell('target', target ? target.value : null, pct));
      row.appendChild(numberCell('attainment', target ? target.attainment : null, pct));
      row.appendChild(el('td', {'data-field': 'status', 'data-value': target ? target.status : 'null'},
        target ? STATUS_TEXT[target.status] || target.status : 'no target'));
      return row;
    });
    const r = kpis.renewal;
    const renewalKpi = teamKpi(kpis, 'renewal-rate');
    const renewalTarget = targetOf(kpis, 'renewal-rate');
    const parts = renewalKpi ? renewalKpi.kpi.parts : {};
    const renewal = el('tr', {'data-handoff': 'renewal',
      class: renewalTarget ? 'status-' + renewalTarget.target.status : 'status-none'});
    renewal.appendChild(el('th', {scope: 'row'}, 'renewal deals won'));
    renewal.appendChild(textCell('team', renewalKpi ? renewalKpi.team.name : names.CUSTOMER_SUCCESS));
    renewal.appendChild(numberCell('entered', r.measurable ? parts.closedOrDue : null, num));
    renewal.appendChild(numberCell('converted', r.measurable ? parts.won : null, num));
    renewal.appendChild(r.measurable ? numberCell('rate', r.rate, pct)
      : el('td', {'data-field': 'rate', 'data-value': 'null'}, 'not measurable'));
    renewal.appendChild(numberCell('target', renewalTarget ? renewalTarget.target.value : null, pct));
    renewal.appendChild(numberCell('attainment', renewalTarget ? renewalTarget.target.attainment : null, pct));
    renewal.appendChild(el('td', {'data-field': 'status', 'data-value': renewalTarget ? renewalTarget.target.status
      : 'null'}, renewalTarget ? STATUS_TEXT[renewalTarget.target.status] : 'no target'));
    rows.push(renewal);
    fill($('handoffs').tBodies[0], rows);

    const renewalText = $('renewal');
    renewalText.replaceChildren(
      el('strong', {}, 'Renewal: '),
      document.createTextNode((r.measurable ? 'renewal deals won ÷ those won, lost or due in the period (' + num(parts.won)
        + ' won, ' + num(parts.lost) + ' lost, ' + num(parts.due) + ' due and still open)' : r.note)
        + '. Logo retention (all records): '),
      el('span', {'data-field': 'logoRetention', 'data-value': r.logoRetention === null ? 'null' : r.logoRetention},
        pct(r.logoRetention)),
      document.createTextNode(' ('),
      el('span', {'data-field': 'churned', 'data-value': r.churned}, num(r.churned)),
      document.createTextNode(' of '),
      el('span', {'data-field': 'customersAtStart', 'data-value': r.customersAtStart}, num(r.customersAtStart)),
      document.createTextNode(' customers at the start churned). Recycled: '),
      el('span', {'data-field': 'recycled', 'data-value': kpis.recycled}, num(kpis.recycled)),
      document.createTextNode('.'));

    $('teams').replaceChildren(...kpis.teams.map(renderTeam));
  }

  function targetText(t) {
    const bound = t.bound === 'max' ? '≤' : '≥';
    switch (t.metric) {
      case 'conversion':
        return t.from + ' → ' + t.to + ' conversion ' + bound + ' ' + pct(t.value);
      case 'entries':
        return t.stage + ' entries ' + bound + ' ' + num(t.value) + ' per ' + t.period;
      case 'median-days-in-stage':
        return 'median days in ' + t.stage + ' ' + bound + ' ' + num(t.value);
      default:
        return (t.label || t.metric) + ' ' + bound + ' ' + byUnit(t.unit)(t.value)
          + (t.unit === 'count' || t.unit === 'amount' ? ' per ' + t.period : '');
    }
  }

  function formatOf(target) {
    if (target.unit) {
      return byUnit(target.unit);
    }
    return target.metric === 'conversion' ? pct : target.metric === 'median-days-in-stage' ? days : num;
  }

  function renderTeam(team) {
    const section = el('section', {class: 'team', 'data-team': team.team, 'aria-labelledby': 'team-' + team.team});
    section.appendChild(el('h3', {id: 'team-' + team.team}, team.name));

    const stages = el('table', {class: 'stages'});
    stages.appendChild(el('caption', {}, team.name + ': stages'));
    const head = el('tr');
    ['Stage', 'Now', 'Entries', 'First seen', 'Exits', 'Median time in stage'].forEach((h) =>
      head.appendChild(el('th', {scope: 'col'}, h)));
    stages.appendChild(el('thead')).appendChild(head);
    const body = stages.appendChild(el('tbody'));
    team.stages.forEach((s) => {
      const row = el('tr', {'data-stage': s.stage});
      row.appendChild(el('th', {scope: 'row'}, s.stage));
      row.appendChild(numberCell('countNow', s.countNow, num));
      row.appendChild(numberCell('entries', s.entries, num));
      row.appendChild(numberCell('firstSeen', s.firstSeen, num));
      row.appendChild(numberCell('exits', s.exits, num));
      row.appendChild(numberCell('medianDaysInStage', s.medianDaysInStage, days));
      body.appendChild(row);
    });
    section.appendChild(stages);

    if (team.targets.length > 0) {
      const targets = el('table', {class: 'targets'});
      targets.appendChild(el('caption', {}, team.name + ': targets'));
      const th = el('tr');
      ['Target', 'Expected', 'Actual', 'Attainment', 'Status'].forEach((h) =>
        th.appendChild(el('th', {scope: 'col'}, h)));
      targets.appendChild(el('thead')).appendChild(th);
      const tb = targets.appendChild(el('tbody'));
      team.targets.forEach((t, i) => {
        const format = formatOf(t);
        const row = el('tr', {'data-target-index': i, 'data-metric': t.metric, class: 'status-' + t.status,
          'data-stage': t.stage, 'data-from': t.from, 'data-to': t.to});
        row.appendChild(el('th', {scope: 'row'}, targetText(t)));
        row.appendChild(numberCell('expected', t.expected, format));
        row.appendChild(numberCell('actual', t.actual, format));
        row.appendChild(numberCell('attainment', t.attainment, pct));
        row.appendChild(el('td', {'data-field': 'status', 'data-value': t.status}, STATUS_TEXT[t.status] || t.status));
        tb.appendChild(row);
      });
      section.appendChild(targets);
    }
    return section;
  }

  function renderFunnelChart(kpis) {
    const stages = kpis.funnel || [];
    const names = teamNames(kpis);
    const bottleneck = kpis.bottleneck;
    const chart = $('funnel-chart');
    const width = 560;
    const row = 26;
    const label = 110;
    const max = Math.max(0, ...stages.map((s) => s.entries));
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + (row * stages.length + 4));
    chart.setAttribute('width', width);
    chart.setAttribute('height', row * stages.length + 4);
    const nodes = [];
    stages.forEach((s, i) => {
      const span = width - label - 60;
      const size = max === 0 ? 1 : Math.max(1, span * s.entries / max);
      const y = i * row + 2;
      nodes.push(svg('text', {x: label - 6, y: y + row / 2 + 4, 'text-anchor': 'end'}, s.stage));
      const bar = svg('rect', {class: 'bar' + (bottleneck && bottleneck.from === s.stage ? ' bottleneck' : ''),
        x: (label + (span - size) / 2).toFixed(1), y: y + 2, width: size.toFixed(1), height: row - 6,
        'data-stage': s.stage, 'data-value': s.entries});
      bar.appendChild(svg('title', {}, s.stage + ' (' + (names[s.team] || s.team) + '): ' + s.entries
        + ' entered in the period'));
      nodes.push(bar);
      nodes.push(svg('text', {x: label + span + 6, y: y + row / 2 + 4}, num(s.entries)));
    });
    chart.replaceChildren(...nodes);
    fill($('funnel-table').tBodies[0], stages.length === 0 ? [emptyRow(5, 'No main line.')] : stages.map((s) => {
      const tr = el('tr', {'data-stage': s.stage});
      tr.appendChild(el('th', {scope: 'row'}, s.stage));
      tr.appendChild(textCell('team', names[s.team] || s.team));
      tr.appendChild(numberCell('entries', s.entries, num));
      tr.appendChild(numberCell('firstSeen', s.firstSeen, num));
      tr.appendChild(numberCell('countNow', s.countNow, num));
      return tr;
    }));
  }

  function bucketLabel(b) {
    return b.toDays === null ? '≥ ' + b.fromDays + ' d' : b.fromDays + '–' + b.toDays + ' d';
  }

  function renderTimeInStage(t) {
    const figure = $('time-in-stage');
    if (!t) {
      figure.dataset.stage = '';
      $('time-in-stage-caption').textContent = 'Time in the bottleneck stage: no bottleneck in this period.';
      $('time-in-stage-chart').replaceChildren();
      fill($('time-in-stage-table').tBodies[0], [emptyRow(2, 'No bottleneck.')]);
      return;
    }
    figure.dataset.stage = t.stage;
    $('time-in-stage-caption').textContent = 'Days records spent in ' + t.stage + ' (the bottleneck\'s first stage) '
      + 'before leaving it in the period: ' + t.timedExits + ' timed exit(s), median ' + days(t.medianDays) + '.';
    columnChart($('time-in-stage-chart'), t.buckets.map((b, i) => ({
      label: bucketLabel(b), value: b.count, text: num(b.count), title: bucketLabel(b) + ': ' + b.count + ' exit(s)',
      attributes: {'data-bucket': i}
    })), {width: 560, height: 160, labels: true, values: true});
    fill($('time-in-stage-table').tBodies[0], t.buckets.map((b, i) => {
      const tr = el('tr', {'data-bucket': i});
      tr.appendChild(el('th', {scope: 'row'}, bucketLabel(b)));
      tr.appendChild(numberCell('count', b.count, num));
      return tr;
    }));
  }

  /** One box per team: its KPIs of the period against targets, and each KPI's trend as bars and as a table. */
  function renderTeamKpis(kpis, trend) {
    const boxes = kpis.teams.filter((t) => (t.kpis || []).length > 0).map((team) => {
      const section = el('section', {class: 'team team-kpis', 'data-team': team.team,
        'aria-labelledby': 'kpis-' + team.team});
      section.appendChild(el('h3', {id: 'kpis-' + team.team}, team.name));
      const table = el('table', {class: 'kpis'});
      table.appendChild(el('caption', {}, team.name + ': KPIs of the period'));
      const head = el('tr');
      ['KPI', 'Value', 'Made of', 'Target', 'Status', ''].forEach((h) => head.appendChild(el('th', {scope: 'col'}, h)));
      table.appendChild(el('thead')).appendChild(head);
      const body = table.appendChild(el('tbody'));
      team.kpis.forEach((k) => {
        const target = team.targets.find((t) => t.metric === k.kpi) || null;
        const tr = el('tr', {'data-kpi': k.kpi, class: target ? 'status-' + target.status : 'status-none'});
        tr.appendChild(el('th', {scope: 'row', title: k.entity + ' records'}, k.label));
        tr.appendChild(numberCell('value', k.value, byUnit(k.unit)));
        tr.appendChild(textCell('parts', Object.entries(k.parts).map(([n, v]) => n + ' ' + v).join(', ')
          + (k.note ? ' — ' + k.note : '')));
        tr.appendChild(numberCell('target', target ? target.expected : null, byUnit(k.unit)));
        tr.appendChild(el('td', {'data-field': 'status', 'data-value': target ? target.status : 'null'},
          target ? STATUS_TEXT[target.status] : 'no target'));
        const cell = el('td');
        cell.appendChild(el('button', {type: 'button', class: 'trace', 'data-kpi': k.kpi, 'data-href': k.entries,
          'aria-label': 'Records that make up ' + k.label}, 'Records'));
        tr.appendChild(cell);
        body.appendChild(tr);
      });
      section.appendChild(table);
      const series = (trend.teams.find((t) => t.team === team.team) || {kpis: []}).kpis;
      section.appendChild(renderTrends(team, series, trend));
      return section;
    });
    $('team-kpis').replaceChildren(...boxes);
  }

  function periodLabel(period, unit) {
    return unit === 'week' ? period.from.substring(5, 10) : period.from.substring(0, 7);
  }

  function renderTrends(team, series, trend) {
    const wrap = el('div', {class: 'trend-block'});
    const charts = el('div', {class: 'trends'});
    series.forEach((k) => {
      const figure = el('figure', {'data-kpi': k.kpi});
      const id = 'trend-' + team.team + '-' + k.kpi;
      figure.appendChild(el('figcaption', {id: id}, k.label + ' by ' + trend.period));
      const chart = svg('svg', {role: 'img', 'aria-labelledby': id, 'data-kpi': k.kpi});
      const format = byUnit(k.unit);
      columnChart(chart, k.values.map((v, i) => ({
        label: periodLabel(trend.periods[i], trend.period), value: v, text: format(v),
        title: periodLabel(trend.periods[i], trend.period) + ': ' + format(v), attributes: {'data-period': i}
      })), {width: 240, height: 70, labels: false, values: false});
      figure.appendChild(chart);
      charts.appendChild(figure);
    });
    wrap.appendChild(charts);
    const table = el('table', {class: 'trend'});
    table.appendChild(el('caption', {}, team.name + ': the trend charts as a table, by ' + trend.period + ' (start)'));
    const head = el('tr');
    head.appendChild(el('th', {scope: 'col'}, 'KPI'));
    trend.periods.forEach((p) => head.appendChild(el('th', {scope: 'col'}, periodLabel(p, trend.period))));
    table.appendChild(el('thead')).appendChild(head);
    const body = table.appendChild(el('tbody'));
    series.forEach((k) => {
      const tr = el('tr', {'data-kpi': k.kpi});
      tr.appendChild(el('th', {scope: 'row'}, k.label));
      k.values.forEach((v, i) => {
        const cell = numberCell('value', v, byUnit(k.unit));
        cell.setAttribute('data-period', i);
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    const scroll = el('div', {class: 'scroll'});
    scroll.appendChild(table);
    wrap.appendChild(scroll);
    return wrap;
  }

  async function showTrace(href) {
    let trace;
    try {
      trace = await api(href);
    } catch (e) {
      setStatus(e instanceof ApiError ? e.state : 'error', e.message);
      return;
    }
    const panel = $('trace-panel');
    panel.hidden = false;
    panel.dataset.kpi = trace.kpi;
    $('trace-summary').replaceChildren(
      el('strong', {}, trace.label + ': '),
      el('span', {'data-field': 'value', 'data-value': trace.value === null ? 'null' : trace.value},
        byUnit(trace.unit)(trace.value)),
      document.createTextNode(' (' + trace.entity + ' records, ' + trace.from + ' to ' + trace.to + '; '
        + trace.records.length + ' counted). ' + (trace.note || '')));
    const entries = {};
    trace.entries.forEach((e) => { entries[e.id] = e; });
    fill($('trace-records').tBodies[0], trace.records.length === 0 ? [emptyRow(3, 'No record counts.')]
      : trace.records.map((r) => {
        const tr = el('tr', {'data-record': r.canonicalId, 'data-role': r.role});
        tr.appendChild(el('th', {scope: 'row'}, r.canonicalId));
        tr.appendChild(textCell('role', r.role));
        tr.appendChild(textCell('entries', r.entryIds.map((id) => {
          const e = entries[id];
          return '#' + id + (e ? ': ' + (e.from || '(new)') + ' → ' + e.to + ' ' + e.occurredAt : '');
        }).join('; ') || 'its close date'));
        return tr;
      }));
    panel.scrollIntoView({block: 'nearest'});
  }

  function renderViolations(body, counts) {
    const totals = $('violation-totals');
    const byRule = Object.entries(counts.byRule).map(([rule, n]) => rule + ' ' + n).join(', ');
    totals.replaceChildren(
      document.createTextNode('In the period: '),
      el('span', {'data-field': 'total', 'data-value': counts.total}, num(counts.total)),
      document.createTextNode(' refused moves (' + counts.violated + ' broke a rule, ' + counts.notAllowed
        + ' not allowed)' + (byRule ? '; by rule: ' + byRule : '') + '.'));
    const rows = body.violations.map((v) => {
      const row = el('tr', {'data-id': v.id, 'data-outcome': v.outcome});
      row.appendChild(timeCell('occurredAt', v.occurredAt));
      row.appendChild(textCell('rules', v.rules.length > 0 ? v.rules.join(', ')
        : (v.outcome === 'REFUSED_NOT_ALLOWED' ? 'not allowed' : null)));
      row.appendChild(textCell('stage', (v.from || '(new)') + ' → ' + v.to));
      row.appendChild(textCell('policy', v.policy));
      row.appendChild(textCell('system', v.sourceSystem));
      row.appendChild(textCell('record', v.canonicalId));
      return row;
    });
    fill($('violations').tBodies[0], rows.length > 0 ? rows : [emptyRow(6, 'No violations recorded.')]);
  }

  /** Amounts as the API sends them (plain decimal text), grouped for reading; "—" for none. */
  function amount(x) {
    if (x === null || x === undefined) {
      return '—';
    }
    const [whole, fraction] = String(x).split('.');
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? '.' + fraction : '');
  }

  function renderCampaignRoi(roi) {
    const body = $('campaign-roi').tBodies[0];
    if (!roi || !roi.available) {
      $('roi-summary').textContent = roi && roi.note ? roi.note : 'Campaign ROI is not available.';
      fill(body, [emptyRow(6, 'No campaign ROI.')]);
      return;
    }
    $('roi-summary').replaceChildren(
      el('span', {'data-field': 'wonDeals', 'data-value': roi.wonDeals}, roi.wonDeals + ' won deal(s), '),
      el('span', {'data-field': 'totalWonAmount', 'data-value': roi.totalWonAmount},
        amount(roi.totalWonAmount) + ' won; '),
      el('span', {'data-field': 'unattributedAmount', 'data-value': roi.unattributedAmount},
        amount(roi.unattributedAmount) + ' with no first-touch campaign'));
    const rows = roi.campaigns.map((c) => {
      const row = el('tr', {'data-campaign': c.campaignId});
      row.appendChild(textCell('name', c.name === null ? c.campaignId : c.name));
      row.appendChild(textCell('system', c.system));
      row.appendChild(numberCell('wonDeals', c.wonDeals, num));
      row.appendChild(numberCell('wonAmount', c.wonAmount, amount));
      row.appendChild(numberCell('cost', c.cost, amount));
      row.appendChild(numberCell('roi', c.roi, (x) => (x === null || x === undefined ? '—' : x + '×')));
      return row;
    });
    fill(body, rows.length > 0 ? rows : [emptyRow(6, 'No campaign costs or won deals in this period.')]);
  }

  function renderDeadLetters(body) {
    const counts = $('dead-letter-counts');
    const parts = [];
    Object.entries(body.counts).forEach(([status, n], i) => {
      if (i > 0) {
        parts.push(document.createTextNode(' · '));
      }
      parts.push(el('span', {'data-status': status, 'data-value': n}, status.toLowerCase() + ' ' + n));
    });
    counts.replaceChildren(...parts);
    const rows = body.deadLetters.map((d) => {
      const row = el('tr', {'data-id': d.id, 'data-status': d.status});
      row.appendChild(timeCell('createdAt', d.createdAt));
      row.appendChild(textCell('system', d.system));
      row.appendChild(textCell('objectType', d.objectType));
      row.appendChild(textCell('externalId', d.externalId));
      row.appendChild(textCell('error', d.error));
      row.appendChild(numberCell('attempts', d.attempts, num));
      return row;
    });
    fill($('dead-letters').tBodies[0], rows.length > 0 ? rows : [emptyRow(6, 'No open dead letters.')]);
  }

  /** The last reconcile: each system's stage counts beside the canonical ones, and the drifting records. */
  function renderReconcile(body) {
    const summary = $('reconcile-summary');
    if (body === null) {
      summary.dataset.drifted = '';
      summary.textContent = 'No reconcile has run yet: POST /api/reconcile, run "stagesync reconcile", or set '
        + 'stagesync.reconcile.interval-minutes.';
      fill($('reconcile-counts').tBodies[0], [emptyRow(4, 'No reconcile yet.')]);
      fill($('reconcile-drifts').tBodies[0], [emptyRow(5, 'No reconcile yet.')]);
      return;
    }
    summary.dataset.drifted = String(body.drifted);
    summary.textContent = 'Last reconcile ' + new Date(body.at).toLocaleString() + ': ' + num(body.drifted)
      + ' drifting record(s).';
    const rows = [];
    body.objects.forEach((o) => {
      const label = o.system + ' ' + o.object;
      const stages = Array.from(new Set(Object.keys(o.shown).concat(Object.keys(o.canonical)))).sort();
      stages.forEach((stage) => {
        const row = el('tr', {'data-system': o.system, 'data-object': o.object, 'data-stage': stage});
        row.appendChild(textCell('object', label));
        row.appendChild(textCell('stage', stage));
        row.appendChild(numberCell('shown', o.shown[stage] || 0, num));
        row.appendChild(numberCell('canonical', o.canonical[stage] || 0, num));
        rows.push(row);
      });
    });
    fill($('reconcile-counts').tBodies[0], rows.length > 0 ? rows : [emptyRow(4, 'No linked record with a stage.')]);
    const drifts = body.drifts.map((d) => {
      const row = el('tr', {'data-canonical-id': d.canonicalId, 'data-system': d.system});
      row.appendChild(textCell('object', d.system + ' ' + d.object));
      row.appendChild(textCell('externalId', d.externalId));
      row.appendChild(textCell('valueThere', d.valueThere === null ? '(empty)' : d.valueThere));
      row.appendChild(textCell('canonicalStage', d.canonicalStage));
      row.appendChild(textCell('expectedValue', d.expectedValue));
      return row;
    });
    fill($('reconcile-drifts').tBodies[0], drifts.length > 0 ? drifts : [emptyRow(5, 'No record drifts.')]);
  }

  function quotaCell(quota) {
    const cell = el('td', {'data-field': 'apiQuota', 'data-available': quota ? String(!!quota.available) : 'false'});
    if (!quota || !quota.available) {
      cell.textContent = 'not measured';
      if (quota && quota.note) {
        cell.title = quota.note;
      }
      return cell;
    }
    const parts = Object.entries(quota).filter(([k]) => k !== 'available' && k !== 'note')
      .map(([k, v]) => k + ' ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
    cell.textContent = parts.length > 0 ? parts.join(', ') : 'available';
    return cell;
  }

  function renderConnectors(body) {
    const rows = body.connectors.map((c) => {
      const row = el('tr', {'data-system': c.system, 'data-breaker': c.breaker === null ? 'null' : c.breaker});
      row.appendChild(el('th', {scope: 'row'}, c.system + (c.configured ? '' : ' (not configured)')));
      row.appendChild(timeCell('lastSuccessfulPoll', c.lastSuccessfulPoll));
      row.appendChild(textCell('breaker', c.breaker === null ? 'not started' : c.breaker));
      const lag = el('td', {'data-field': 'lag'});
      if (c.objects.length === 0) {
        lag.textContent = 'no watermark yet';
      }
      c.objects.forEach((o) => {
        lag.appendChild(el('span', {'data-object': o.objectType, 'data-value': o.lagSeconds,
          title: 'watermark ' + o.watermark}, o.objectType + ' ' + duration(o.lagSeconds)));
        lag.appendChild(document.createTextNode(' '));
      });
      row.appendChild(lag);
      row.appendChild(quotaCell(c.apiQuota));
      row.appendChild(textCell('lastError', c.lastError));
      return row;
    });
    fill($('connectors').tBodies[0], rows.length > 0 ? rows : [emptyRow(6, 'No connector configured.')]);
  }

  // --- wiring -----------------------------------------------------------------------------------------

  function start() {
    readFragment();
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token').value.trim();
      if (!value) {
        setStatus('needs-token', 'Enter the admin token to see the funnel.');
        return;
      }
      token = value;
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token').value = '';
      $('token-form').hidden = true;
      $('settings-form').hidden = false;
      setStatus('loading', 'Loading…');
      refresh();
    });
    $('settings-form').addEventListener('submit', (event) => event.preventDefault());
    $('team-kpis').addEventListener('click', (event) => {
      const button = event.target.closest('button.trace');
      if (button) {
        showTrace(button.dataset.href);
      }
    });
    ['period', 'from', 'trend-unit'].forEach((id) => $(id).addEventListener('change', () => {
      writeFragment();
      refresh();
    }));
    $('forget').addEventListener('click', () => {
      $('dashboard').hidden = true;
      askForToken('needs-token', 'Token forgotten. Enter the admin token to see the funnel.');
    });
    token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      $('token-form').hidden = true;
      $('settings-form').hidden = false;
      setStatus('loading', 'Loading…');
    }
    refresh();
  }

  document.addEventListener('DOMContentLoaded', start);
}());
