// The "Saved maps" panel (#sessions): save the room under a name, list saved sessions (name, author, time) with
// Restore and Delete, export the room as GeoJSON (a download) and import a GeoJSON file. Sessions travel over the
// room's WebSocket (saveSession, listSessions, restoreSession, deleteSession: src/docs/protocol-v2.md); GeoJSON over
// HTTP (GET and POST api/rooms/ROOM/geojson), whose answer says what was imported and what was skipped.
//
// For tests and anyone inspecting the page: each item of #sessions-list carries data-session-id, and its
// .session-name, .session-meta show the name and "author · time".

import { deleteSession, listSessions, restoreSession, saveSession } from './protocol.js';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class SessionsPanel {
  /**
   * @param {HTMLElement} element  #sessions
   * @param {object} options  room; request(message, handling) sends a ref'd request (see main.js); toasts;
   *                          confirm(text) asks the user (window.confirm by default)
   */
  constructor(element, { room, request, toasts, confirm = (text) => window.confirm(text) }) {
    this.element = element;
    this.room = room;
    this.request = request;
    this.toasts = toasts;
    this.confirm = confirm;
    /** @type {Map<string, object>} by id */
    this.sessions = new Map();
    this.build();
  }

  build() {
    const e = this.element;
    e.innerHTML = `
      <button id="sessions-toggle" class="routes-toggle" type="button" aria-expanded="false" aria-controls="sessions-body">
        <span>Saved maps</span><span id="sessions-count" class="people-count">0</span><span class="chevron" aria-hidden="true"></span>
      </button>
      <div id="sessions-body" class="sessions-body" hidden>
        <form id="session-save" class="session-save">
          <label class="visually-hidden" for="session-name">Name of the saved map</label>
          <input id="session-name" type="text" maxlength="80" placeholder="Name this map" autocomplete="off" required>
          <button id="session-save-button" class="button button-small button-primary" type="submit">Save</button>
        </form>
        <ul id="sessions-list" class="sessions-list"></ul>
        <p id="sessions-empty" class="routes-empty">No saved maps yet.</p>
        <div class="sessions-files">
          <a id="geojson-export" class="button button-small" download>Export GeoJSON</a>
          <label class="button button-small" for="geojson-import">Import GeoJSON…</label>
          <input id="geojson-import" class="visually-hidden" type="file" accept=".geojson,.json,application/geo+json,application/json">
        </div>
      </div>`;
    this.toggle = e.querySelector('#sessions-toggle');
    this.body = e.querySelector('#sessions-body');
    this.list = e.querySelector('#sessions-list');
    this.empty = e.querySelector('#sessions-empty');
    this.count = e.querySelector('#sessions-count');
    this.nameInput = e.querySelector('#session-name');
    const exportLink = e.querySelector('#geojson-export');
    exportLink.href = this.apiUrl('geojson');
    exportLink.setAttribute('download', `${this.room.replace(/[^A-Za-z0-9._-]/g, '_')}.geojson`);
    this.toggle.addEventListener('click', () => this.setOpen(this.body.hidden));
    e.querySelector('#session-save').addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    const file = e.querySelector('#geojson-import');
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      if (chosen) this.importFile(chosen);
    });
  }

  /** The room's HTTP API, with the page's own ?token= when it has one (a protected room needs it there too). */
  apiUrl(path) {
    const url = new URL(`api/rooms/${encodeURIComponent(this.room)}/${path}`, document.baseURI);
    const token = new URLSearchParams(window.location.search).get('token');
    if (token !== null && token !== '') url.searchParams.set('token', token);
    return url.href;
  }

  show(visible) {
    this.element.hidden = !visible;
  }

  setOpen(open) {
    this.body.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.element.classList.toggle('collapsed', !open);
  }

  /** After each snapshot: ask for the list again (it may have changed while disconnected). */
  refresh() {
    this.request(listSessions(), {
      what: 'Listing saved maps',
      thing: 'saved map',
      onDone: (answer) => this.replace(answer.sessions),
    });
  }

  /** Every version 2 message passes here first; returns true when it was about sessions. */
  receive(message) {
    switch (message.type) {
      case 'sessionSaved':
        if (message.session && typeof message.session.id === 'string') {
          this.sessions.set(message.session.id, message.session);
          this.render();
        }
        return true;
      case 'sessionDeleted':
        this.sessions.delete(message.sessionId);
        this.render();
        return true;
      default:
        return false;
    }
  }

  replace(list) {
    this.sessions = new Map((Array.isArray(list) ? list : []).filter((s) => s && typeof s.id === 'string').map((s) => [s.id, s]));
    this.render();
  }

  save() {
    const name = this.nameInput.value.trim();
    if (name === '') return;
    this.request(saveSession(name), {
      what: `Saving “${name}”`,
      thing: 'saved map',
      onDone: () => {
        this.nameInput.value = '';
        this.toasts.show(`Saved “${name}”.`);
      },
    });
  }

  render() {
    const sorted = [...this.sessions.values()].sort((a, b) => String(b.savedAt).localeCompare(String(a.savedAt)));
    this.count.textContent = String(sorted.length);
    this.empty.hidden = sorted.length > 0;
    this.list.replaceChildren(...sorted.map((session) => this.item(session)));
  }

  item(session) {
    const li = document.createElement('li');
    li.className = 'session-item';
    li.dataset.sessionId = session.id;
    const text = document.createElement('div');
    text.className = 'session-text';
    const name = document.createElement('span');
    name.className = 'session-name';
    name.textContent = session.name;
    const meta = document.createElement('span');
    meta.className = 'session-meta';
    const when = Date.parse(session.savedAt);
    const count = `${session.pins} pin${session.pins === 1 ? '' : 's'}, ${session.routes} route${session.routes === 1 ? '' : 's'}`;
    meta.textContent = `${session.author} · ${Number.isNaN(when) ? '' : TIME.format(when)} · ${count}`;
    text.append(name, meta);
    const restore = button('Restore', 'session-restore', `Replace the map for everyone with “${session.name}”`, () => {
      if (!this.confirm(`Replace the pins and routes of this room, for everyone, with “${session.name}”?`)) return;
      this.request(restoreSession(session.id), {
        what: `Restoring “${session.name}”`,
        thing: 'saved map',
        onDone: () => this.toasts.show(`Restored “${session.name}”.`),
      });
    });
    const remove = button('Delete', 'session-delete', `Delete the saved map “${session.name}”`, () => {
      if (!this.confirm(`Delete the saved map “${session.name}”? The room itself does not change.`)) return;
      this.request(deleteSession(session.id), { what: `Deleting “${session.name}”`, thing: 'saved map' });
    });
    li.append(text, restore, remove);
    return li;
  }

  async importFile(file) {
    let response;
    try {
      response = await fetch(this.apiUrl('geojson'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/geo+json' },
        body: file,
      });
    } catch (err) {
      this.toasts.show(`Import of “${file.name}” failed: the server could not be reached.`, { kind: 'error', durationMs: 8000 });
      return;
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch {
      // not JSON: described below by the status
    }
    if (!response.ok) {
      const errors = Array.isArray(answer?.errors) ? answer.errors : [];
      const first = errors.slice(0, 3).map((e) => `${e.feature >= 0 ? `feature ${e.feature}` : 'file'}: ${e.message}`);
      const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
      const why = first.length > 0 ? `${first.join('; ')}${more}` : (answer?.message ?? `HTTP ${response.status}`);
      this.toasts.show(`Nothing imported from “${file.name}”: ${why}`, { kind: 'error', durationMs: 12000 });
      return;
    }
    const skipped = Array.isArray(answer.skipped) ? answer.skipped.length : 0;
    const notes = Array.isArray(answer.notes) ? answer.notes.length : 0;
    let text = `Imported ${answer.pins} pin${answer.pins === 1 ? '' : 's'} and ${answer.routes} route${answer.routes === 1 ? '' : 's'} from “${file.name}”.`;
    if (skipped > 0) text += ` Skipped ${skipped}: ${answer.skipped.slice(0, 2).map((s) => s.reason).join('; ')}${skipped > 2 ? '…' : ''}`;
    if (notes > 0) text += ` ${notes} note${notes === 1 ? '' : 's'} (see the console).`;
    if (notes > 0) console.info('waypoint: import notes', answer.notes);
    this.toasts.show(text, { kind: skipped > 0 ? 'warning' : 'info', durationMs: 9000 });
  }
}

function button(label, className, title, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `button button-small ${className}`;
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
