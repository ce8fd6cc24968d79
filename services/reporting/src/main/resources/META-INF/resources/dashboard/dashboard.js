// Supervisor dashboard (docs/dashboard.md). Logs in with keycloak-js (authorization code flow, PKCE S256), then
// reads the reporting service's live endpoints with the access token: the SSE stream (fetch + a small line parser,
// since EventSource cannot send an Authorization header), the snapshot as a fallback when the stream is not
// reachable, today's distributions, the Manager API's agent status history and chats, and the Platform Data API's
// redacted chat messages. Everything is same-origin with the page, so no CORS is involved.
'use strict';

const STATE_COLOURS = {
  available: '#2e9d5b', busy: '#d9822b', wrapUp: '#8e6bd1', unavailable: '#c23c3c', offline: '#9aa5b1'
};
const STATES = ['available', 'busy', 'wrapUp', 'unavailable', 'offline'];
const SEGMENTS = [['ivr', 'IVR'], ['queue', 'Queue'], ['handle', 'Handle'], ['talk', 'Talk'], ['hold', 'Hold']];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

let keycloak;
let partner;
const charts = {};
const agentNames = new Map();
let lastSnapshot = null;
let statusLog = [];

const $ = (id) => document.getElementById(id);

// The live endpoints may answer in camelCase (the contract) or snake_case (the service's default naming): the page
// reads camelCase either way.
function camelize(value) {
  if (Array.isArray(value)) return value.map(camelize);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    out[k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())] = camelize(v);
  }
  return out;
}

function showProblem(text) {
  const box = $('problem');
  box.textContent = text;
  box.hidden = !text;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's';
  return Math.floor(s / 3600) + 'h ' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function localMidnight() {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

async function token() {
  try {
    await keycloak.updateToken(30);
  } catch (e) {
    await keycloak.login();
  }
  return keycloak.token;
}

async function api(path, init = {}) {
  const headers = Object.assign({ Accept: 'application/json', Authorization: 'Bearer ' + await token() },
    init.headers || {});
  const response = await fetch(path, Object.assign({}, init, { headers }));
  if (!response.ok) {
    const error = new Error(path + ' answered ' + response.status);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

const partnerPath = (rest) => '/api/partners/' + encodeURIComponent(partner) + rest;

// ---------------------------------------------------------------------------------------------- snapshot

function renderSnapshot(raw) {
  const snap = camelize(raw);
  lastSnapshot = snap;
  const totals = snap.totals || {};
  const agents = totals.agents || {};
  $('tile-waiting').textContent = totals.waiting ?? 0;
  $('tile-longest-wait').textContent = duration(totals.longestWaitSeconds ?? 0);
  $('tile-calls').textContent = totals.callsInProgress ?? 0;
  $('tile-chats').textContent = totals.chatsInProgress ?? 0;
  const sl = totals.serviceLevel;
  $('tile-service-level').textContent = sl && sl.percent !== null && sl.percent !== undefined
    ? Math.round(sl.percent) + '%' : '–';
  const rule = snap.serviceLevel;
  $('tile-service-level-note').textContent = (sl ? sl.answeredWithinThreshold + ' of ' + sl.offered + ' offered' : '')
    + (rule ? ' · ' + rule.thresholdSeconds + 's in ' + rule.windowMinutes + ' min' : '');
  $('tile-available').textContent = agents.available ?? 0;
  $('tile-agents-note').textContent = (agents.busy ?? 0) + ' busy · ' + (agents.wrapUp ?? 0) + ' wrap-up · '
    + (agents.unavailable ?? 0) + ' away';
  $('as-of').textContent = snap.asOf ? 'as of ' + clock(snap.asOf) : '';

  const body = $('queues').tBodies[0];
  body.replaceChildren();
  const queues = snap.queues || [];
  if (queues.length === 0) {
    const row = body.insertRow();
    const cell = row.insertCell();
    cell.colSpan = 9;
    cell.className = 'empty';
    cell.textContent = 'no queue yet';
  }
  for (const q of queues) {
    const row = body.insertRow();
    row.dataset.menuId = q.menuId;
    const cells = [q.name || ('#' + q.menuId), q.channel || '', q.waiting, duration(q.longestWaitSeconds),
      q.callsInProgress, q.chatsInProgress, q.agents ? q.agents.available : '', q.agents ? q.agents.busy : '',
      q.serviceLevel && q.serviceLevel.percent !== null && q.serviceLevel.percent !== undefined
        ? Math.round(q.serviceLevel.percent) + '%' : '–'];
    cells.forEach((value, i) => {
      const cell = row.insertCell();
      cell.textContent = value ?? '';
      if (i >= 2) cell.className = 'n';
    });
  }

  for (const a of snap.agents || []) agentNames.set(String(a.agentId), a.name || ('#' + a.agentId));
  charts.states.setOption({
    xAxis: { type: 'category', data: STATES.map(label), axisLabel: { interval: 0 } },
    series: [{ type: 'bar', data: STATES.map((s) => ({ value: agents[s] ?? 0, itemStyle: { color: STATE_COLOURS[s] } })),
      label: { show: true, position: 'top' } }]
  });
  renderTimeline();
  $('dashboard').dataset.ready = 'true';
}

function label(state) {
  return { available: 'Available', busy: 'Busy', wrapUp: 'Wrap-up', unavailable: 'Unavailable', offline: 'Offline' }[state];
}

async function pollSnapshot() {
  try {
    renderSnapshot(await api(partnerPath('/live/snapshot')));
    showProblem('');
  } catch (e) {
    showProblem('Live snapshot: ' + e.message);
  }
}

// ---------------------------------------------------------------------------------------------- stream

let lastEventId = null;
let pollTimer = null;

function connection(text, cls) {
  const el = $('connection');
  el.textContent = text;
  el.className = 'conn ' + cls;
}

// Reads the text/event-stream body line by line (WHATWG SSE rules: "field: value" lines, a blank line ends an
// event, ":" starts a comment).
async function readStream(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event.data.length > 0) onEvent(event.type, event.data.join('\n'), event.id);
        event = { type: 'message', data: [], id: null };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val.startsWith(' ')) val = val.slice(1);
      if (field === 'event') event.type = val;
      else if (field === 'data') event.data.push(val);
      else if (field === 'id') event.id = val;
    }
  }
}

function onStreamEvent(type, data, id) {
  if (id) lastEventId = id;
  const payload = camelize(JSON.parse(data));
  if (type === 'snapshot') {
    renderSnapshot(payload);
  } else if (type === 'agentStatus') {
    statusLog.push({ agentId: payload.agentId, status: payload.status, state: null, startedAt: payload.since,
      endedAt: null });
    closeEarlier(payload.agentId, payload.since);
  } else if (type === 'call' && payload.endedAt) {
    scheduleDistributions();
  } else if (type === 'chat') {
    scheduleChats();
  }
}

async function stream() {
  for (let attempt = 0; ; attempt++) {
    try {
      const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + await token() };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const controller = new AbortController();
      // The token is checked when the stream opens: reopen it (resuming from the last id) before the token expires.
      const ttl = Math.max(30, (keycloak.tokenParsed.exp - Date.now() / 1000) - 20);
      const renew = setTimeout(() => controller.abort(), ttl * 1000);
      const response = await fetch(partnerPath('/live/stream'), { headers, signal: controller.signal });
      if (!response.ok) throw new Error('live stream answered ' + response.status);
      attempt = 0;
      stopPolling();
      connection('live', 'on');
      try {
        await readStream(response.body, onStreamEvent);
      } finally {
        clearTimeout(renew);
      }
    } catch (e) {
      if (e.name !== 'AbortError') {
        // Until the stream answers, the snapshot is polled so the tiles stay current.
        startPolling();
        connection('polling', 'polling');
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(15000, 1000 * 2 ** Math.min(attempt, 4))));
  }
}

function startPolling() {
  if (pollTimer) return;
  pollSnapshot();
  pollTimer = setInterval(pollSnapshot, 3000);
}

function stopPolling() {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

// ---------------------------------------------------------------------------------------------- distributions

let distributionsTimer = null;

function scheduleDistributions() {
  if (!distributionsTimer) distributionsTimer = setTimeout(loadDistributions, 2000);
}

async function loadDistributions() {
  distributionsTimer = null;
  let result;
  try {
    result = camelize(await api(partnerPath('/live/distributions?zone=' + encodeURIComponent(ZONE))));
  } catch (e) {
    showProblem('Distributions: ' + e.message);
    return;
  }
  $('distributions-range').textContent = 'since ' + new Date(result.from).toLocaleString() + ' (' + ZONE + ')';
  for (const [key, name] of SEGMENTS) {
    const m = (result.metrics || {})[key] || { count: 0, buckets: [] };
    const buckets = m.buckets || [];
    charts[key].setOption({
      title: { text: name, subtext: m.count + ' calls · p50 ' + duration(m.p50Seconds) + ' · p90 '
        + duration(m.p90Seconds) + ' · max ' + duration(m.maxSeconds), left: 'center',
        textStyle: { fontSize: 13 }, subtextStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: buckets.map((b, i) => b.upToSeconds === null
        ? '>' + duration(i > 0 ? buckets[i - 1].upToSeconds : 0) : '≤' + duration(b.upToSeconds)),
        axisLabel: { fontSize: 9, interval: 0, rotate: 45 } },
      series: [{ type: 'bar', data: buckets.map((b) => b.count), itemStyle: { color: '#3b7dd8' } }]
    });
  }
}

// ---------------------------------------------------------------------------------------------- timeline

// Today's status changes from the Manager API (agent_activity_logs), extended by the stream's agentStatus events.
async function loadStatusHistory() {
  const from = new Date(localMidnight().getTime() - 24 * 3600 * 1000).toISOString();
  const rows = [];
  for (let page = 1; page <= 10; page++) {
    const query = new URLSearchParams({ 'started_at[from]': from, sort_column: 'started_at', sort_direction: 'ASC',
      per: '1000', page: String(page) });
    let batch;
    try {
      batch = await api('/manager/api/v1/agent_activity_logs?' + query);
    } catch (e) {
      showProblem('Agent status history: ' + e.message);
      return;
    }
    rows.push(...batch);
    if (batch.length < 1000) break;
  }
  statusLog = rows.map((r) => ({ agentId: r.agent_id, status: r.status ? r.status.name : '?',
    startedAt: r.started_at, endedAt: r.ended_at }));
  renderTimeline();
}

function closeEarlier(agentId, at) {
  for (const entry of statusLog) {
    if (String(entry.agentId) === String(agentId) && !entry.endedAt && entry.startedAt < at) entry.endedAt = at;
  }
  renderTimeline();
}

function stateOf(status) {
  const s = String(status || '').toLowerCase().replace(/[\s_-]/g, '');
  if (s === 'available') return 'available';
  if (s === 'wrapup') return 'wrapUp';
  if (s === 'offline' || s === 'loggedout') return 'offline';
  if (s.startsWith('in') || s === 'busy' || s === 'oncall' || s === 'connecting') return 'busy';
  return 'unavailable';
}

function renderTimeline() {
  if (!charts.timeline) return;
  const midnight = localMidnight().getTime();
  const now = Date.now();
  const ids = [...new Set([...agentNames.keys(), ...statusLog.map((e) => String(e.agentId))])].sort(
    (a, b) => (agentNames.get(a) || a).localeCompare(agentNames.get(b) || b));
  const row = new Map(ids.map((id, i) => [id, i]));
  const data = statusLog
    .map((e) => ({ id: String(e.agentId), status: e.status, start: Math.max(midnight, Date.parse(e.startedAt)),
      end: e.endedAt ? Date.parse(e.endedAt) : now }))
    .filter((e) => e.end > midnight && row.has(e.id))
    .map((e) => ({ value: [row.get(e.id), e.start, e.end, e.status],
      itemStyle: { color: STATE_COLOURS[stateOf(e.status)] } }));
  charts.timeline.setOption({
    tooltip: { formatter: (p) => (agentNames.get(ids[p.value[0]]) || ids[p.value[0]]) + ': ' + p.value[3] + '<br>'
      + clock(new Date(p.value[1]).toISOString()) + ' – ' + clock(new Date(p.value[2]).toISOString()) },
    grid: { left: 120, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'time', min: midnight, max: now },
    yAxis: { type: 'category', data: ids.map((id) => agentNames.get(id) || ('#' + id)), inverse: true },
    series: [{
      type: 'custom',
      encode: { x: [1, 2], y: 0 },
      data,
      renderItem: (params, api) => {
        const start = api.coord([api.value(1), api.value(0)]);
        const end = api.coord([api.value(2), api.value(0)]);
        const height = api.size([0, 1])[1] * 0.6;
        const shape = echarts.graphic.clipRectByRect(
          { x: start[0], y: start[1] - height / 2, width: Math.max(1, end[0] - start[0]), height },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
        return shape && { type: 'rect', shape, style: api.style() };
      }
    }]
  }, { replaceMerge: ['series'] });
}

// ---------------------------------------------------------------------------------------------- chats

let chatsTimer = null;
let selectedChat = null;

function scheduleChats() {
  if (!chatsTimer) chatsTimer = setTimeout(loadChats, 2000);
}

async function loadChats() {
  chatsTimer = null;
  let chats;
  try {
    chats = await api('/manager/api/v1/chats?' + new URLSearchParams({ sort_column: 'updated_at',
      sort_direction: 'DESC', per: '20' }));
  } catch (e) {
    showProblem('Chats: ' + e.message);
    return;
  }
  const list = $('chats');
  list.replaceChildren();
  if (chats.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = 'no chat yet';
    list.append(li);
  }
  for (const chat of chats) {
    const li = document.createElement('li');
    li.dataset.chatId = chat.id;
    if (String(chat.id) === String(selectedChat)) li.classList.add('selected');
    const name = document.createElement('span');
    name.textContent = 'Chat ' + chat.id + (chat.agent_info && chat.agent_info.name ? ' · ' + chat.agent_info.name : '');
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = chat.status + ' · ' + (chat.message_count ?? 0) + ' msgs · ' + clock(chat.updated_at);
    li.append(name, meta);
    li.addEventListener('click', () => showTranscript(chat.id));
    list.append(li);
  }
}

// Messages as reporting stores them: redacted by the redaction service before they reach reporting (the original
// text never does), read through the Platform Data API's getConversationById.
async function showTranscript(chatId) {
  selectedChat = chatId;
  for (const li of $('chats').children) li.classList.toggle('selected', li.dataset.chatId === String(chatId));
  $('transcript-title').textContent = 'chat ' + chatId;
  const list = $('transcript');
  let result;
  try {
    result = await api(partnerPath('/data/conversationdata/getConversationById'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-cp-partner-id': partner },
      body: JSON.stringify({
        query: 'query($id: ID!) { getConversationById(conversationId: $id) '
          + '{ status messages(first: 200) { senderType senderName text sentAt } } }',
        variables: { id: 'chat-' + chatId }
      })
    });
  } catch (e) {
    showProblem('Transcript: ' + e.message);
    return;
  }
  const conversation = result.data && result.data.getConversationById;
  const messages = conversation ? conversation.messages : [];
  list.replaceChildren();
  if (messages.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = 'no redacted message yet';
    list.append(li);
  }
  for (const m of messages) {
    const li = document.createElement('li');
    li.className = m.senderType;
    const from = document.createElement('div');
    from.className = 'from';
    from.textContent = (m.senderName || m.senderType) + ' · ' + clock(m.sentAt);
    const text = document.createElement('div');
    text.textContent = m.text;
    li.append(from, text);
    list.append(li);
  }
}

// ---------------------------------------------------------------------------------------------- start

function initCharts() {
  const base = { grid: { left: 36, right: 10, top: 50, bottom: 40 }, xAxis: { type: 'category', data: [] },
    yAxis: { type: 'value', minInterval: 1 }, tooltip: { trigger: 'axis' }, series: [] };
  charts.states = echarts.init($('chart-agent-states'));
  charts.states.setOption(Object.assign({}, base, { grid: { left: 36, right: 10, top: 20, bottom: 30 } }));
  for (const [key] of SEGMENTS) {
    charts[key] = echarts.init($('chart-' + key));
    charts[key].setOption(base);
  }
  charts.timeline = echarts.init($('chart-timeline'));
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
}

async function start() {
  let config;
  try {
    config = await (await fetch('config.json')).json();
  } catch (e) {
    showProblem('Cannot read the dashboard settings: ' + e.message);
    return;
  }
  if (!config.keycloak_url || !config.realm) {
    showProblem('This service has no Keycloak configured (quarkus.oidc.auth-server-url): cannot log in.');
    return;
  }
  keycloak = new Keycloak({ url: config.keycloak_url, realm: config.realm, clientId: config.client_id });
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  partner = keycloak.tokenParsed.partner_id;
  $('user').textContent = keycloak.tokenParsed.preferred_username || '';
  $('partner').textContent = partner || 'no partner';
  $('logout').addEventListener('click', () => keycloak.logout({ redirectUri: window.location.href }));
  if (!partner) {
    showProblem('Your account has no partner_id: ask an administrator to set it.');
    return;
  }
  initCharts();
  stream();
  loadDistributions();
  setInterval(loadDistributions, 60000);
  loadStatusHistory();
  setInterval(loadStatusHistory, 300000);
  setInterval(renderTimeline, 30000);
  loadChats();
  setInterval(loadChats, 30000);
}

start().catch((e) => showProblem('Dashboard failed to start: ' + e.message));
