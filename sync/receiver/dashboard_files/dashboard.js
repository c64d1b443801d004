// The proctor dashboard: one card per station, kept live by the receiver's server-sent events.
// Station data is only ever inserted as text (textContent), never as HTML.
"use strict";

// Every text comes from the page, in the reader's language (sync/receiver/dashboard_texts.py).
let TEXTS = {};
const ALERT_ORDER = ["silent", "proctor_called", "interrupted", "paused", "focus_lost", "idle"];

function t(key, values) {
  const text = TEXTS[key] === undefined ? key : TEXTS[key];
  return text.replace(/\{([a-z_]+)\}/g, (mark, name) => (values && name in values ? String(values[name]) : mark));
}

function tn(key, count, values) {
  const plural = TEXTS[key];
  const at = count < plural.index.length ? count : 100 + (count % 100);
  return plural.forms[plural.index[at]].replace(/\{([a-z_]+)\}/g, (mark, name) =>
    (name === "count" ? String(count) : values && name in values ? String(values[name]) : mark));
}

function stateText(state) {
  return t(`state_${state}`);
}
const cards = new Map(); // station key -> {data, at, el}
let shownKey = null;

function node(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined && text !== null) made.textContent = String(text);
  return made;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), rest = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0"), ss = String(rest).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function bytes(n) {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n, unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit += 1; }
  return `${value.toFixed(value < 10 && unit ? 1 : 0)} ${units[unit]}`;
}

function ageNow(entry) {
  return entry.data.age_s + (Date.now() - entry.at) / 1000;
}

function alertsOf(data) {
  const found = new Set(data.beat.alerts || []);
  if (data.silent) found.add("silent");
  return ALERT_ORDER.filter((name) => found.has(name));
}

function alertText(name, beat) {
  if (name === "idle" && beat.idle_s) return t("idle_for", { duration: duration(beat.idle_s) });
  return t(`alert_${name}`);
}

function gameLine(beat) {
  const game = beat.game;
  if (!game) return beat.state === "idle" ? t("waiting") : "";
  let text = t("game", { number: game.number, total: game.of, title: game.title || game.name });
  if (game.trial) text = t(game.trials ? "trial_of" : "trial", { game: text, trial: game.trial, trials: game.trials });
  if (beat.state === "instructions") return t("next", { game: text });
  return game.practice ? t("practice", { game: text }) : text;
}

function progress(beat) {
  const game = beat.game;
  if (!game) return null;
  const within = game.trial && game.trials ? Math.min(1, (game.trial - 1) / game.trials) : 0;
  return Math.round(((game.number - 1 + within) / game.of) * 100);
}

function fact(list, label, value) {
  list.append(node("dt", null, label), node("dd", null, value));
}

function fill(entry) {
  const { data } = entry;
  const beat = data.beat;
  const el = entry.el;
  const alerts = alertsOf(data);
  el.replaceChildren();
  el.className = `card state-${beat.state}${alerts.length ? " alerting" : ""}${data.silent ? " silent" : ""}`;
  el.dataset.key = data.key;
  el.dataset.state = beat.state;
  el.dataset.alerts = alerts.join(" ");
  const head = node("div", "head");
  head.append(node("h2", "name", beat.station_name || data.station_id), node("span", "state", stateText(beat.state)));
  el.append(head);
  if (alerts.length) {
    const chips = node("ul", "alerts");
    chips.setAttribute("aria-label", t("alerts"));
    for (const name of alerts) chips.append(node("li", `alert alert-${name}`, alertText(name, beat)));
    el.append(chips);
  }
  el.append(node("p", "game", gameLine(beat)));
  const done = progress(beat);
  if (done !== null) {
    const bar = node("progress", "progress");
    bar.max = 100;
    bar.value = done;
    bar.setAttribute("aria-label", t("progress", { percent: done }));
    el.append(bar);
  }
  const facts = node("dl", "facts");
  if (beat.participant) fact(facts, t("candidate"), beat.participant);
  if (beat.elapsed_s !== null && beat.elapsed_s !== undefined) fact(facts, t("elapsed"), duration(beat.elapsed_s));
  if (beat.remaining_s !== null && beat.remaining_s !== undefined) fact(facts, t("left"), duration(beat.remaining_s));
  fact(facts, t("focus_lost"), beat.focus_losses);
  fact(facts, t("idle_spells"), beat.idle_spells);
  if (beat.proctor_calls) fact(facts, t("calls"), beat.proctor_calls);
  fact(facts, t("to_upload"), beat.outbox ? beat.outbox.pending : 0);
  fact(facts, t("free_disk"), bytes(beat.free_disk_bytes));
  el.append(facts);
  if (beat.last_error) el.append(node("p", "error", beat.last_error));
  el.append(node("p", "heard", ""));
  const label = t("card_label", { station: beat.station_name || data.station_id, state: stateText(beat.state) });
  el.setAttribute("aria-label", alerts.length
    ? t("card_alerts", { label, alerts: alerts.map((name) => alertText(name, beat)).join(", ") }) : label);
  tick(entry);
}

function tick(entry) {
  const heard = entry.el.querySelector(".heard");
  if (heard) heard.textContent = t("heard", { duration: duration(ageNow(entry)) });
}

function summary() {
  const all = [...cards.values()];
  const alerting = all.filter((entry) => alertsOf(entry.data).length).length;
  const stations = tn("stations_count", all.length);
  document.getElementById("summary").textContent =
    alerting ? tn("with_alerts", alerting, { stations }) : t("no_alerts", { stations });
  document.getElementById("empty").hidden = all.length > 0;
}

function place(entry) {
  const main = document.getElementById("cards");
  const name = (entry.data.beat.station_name || entry.data.station_id).toLowerCase();
  const after = [...main.children].find((other) => {
    const o = cards.get(other.dataset.key);
    return o && (o.data.beat.station_name || o.data.station_id).toLowerCase() > name;
  });
  main.insertBefore(entry.el, after || null);
}

function update(data) {
  let entry = cards.get(data.key);
  if (!entry) {
    const el = node("article", "card");
    el.tabIndex = 0;
    el.setAttribute("role", "button");
    el.addEventListener("click", () => showTimeline(data.key));
    el.addEventListener("keydown", (event) => onCardKey(event, data.key));
    entry = { data, at: Date.now(), el };
    cards.set(data.key, entry);
    fill(entry);
    place(entry);
  } else {
    entry.data = data;
    entry.at = Date.now();
    fill(entry);
  }
  if (shownKey === data.key) showTimeline(data.key);
  summary();
}

function onCardKey(event, key) {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    showTimeline(key);
    return;
  }
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const all = [...document.getElementById("cards").children];
  const next = all[all.indexOf(event.currentTarget) + step];
  if (next) next.focus();
}

function showTimeline(key) {
  const entry = cards.get(key);
  if (!entry) return;
  const beat = entry.data.beat;
  const dialog = document.getElementById("timeline");
  shownKey = key;
  document.getElementById("timeline-title").textContent =
    t("card_label", { station: beat.station_name || entry.data.station_id, state: stateText(beat.state) });
  document.getElementById("timeline-meta").textContent = beat.session_id
    ? t("session_meta", { session: beat.session_id.slice(0, 8), candidate: beat.participant || "–", game: gameLine(beat) })
    : t("no_session");
  const list = document.getElementById("timeline-list");
  list.replaceChildren(...(beat.timeline || []).map((step) => {
    const item = node("li", `step step-${step.kind.replace(/[^a-z0-9_]/gi, "_")}`);
    item.append(node("span", "when", duration(step.t_s)), node("span", "what", step.text));
    return item;
  }));
  if (!dialog.open) dialog.showModal();
}

function connect() {
  const status = document.getElementById("connection");
  const source = new EventSource("/dashboard/feed");
  source.addEventListener("open", () => { status.textContent = t("live"); status.className = "connection live"; });
  source.addEventListener("error", () => {
    status.textContent = t("reconnecting");
    status.className = "connection lost";
  });
  source.addEventListener("snapshot", (event) => {
    for (const data of JSON.parse(event.data)) update(data);
    summary();
  });
  source.addEventListener("station", (event) => update(JSON.parse(event.data)));
  source.addEventListener("logout", () => { source.close(); window.location.assign("/dashboard/login"); });
}

document.addEventListener("DOMContentLoaded", () => {
  TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const dialog = document.getElementById("timeline");
  document.getElementById("timeline-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    const card = shownKey && cards.get(shownKey);
    shownKey = null;
    if (card) card.el.focus();
  });
  summary();
  connect();
  setInterval(() => { for (const entry of cards.values()) tick(entry); }, 1000);
});
