// The people panel: your display name and colour (sent with `hello`, remembered in localStorage), the button
// that shares your location, and the list of everyone in the room (#participants, one item per participant).
// It knows nothing about sockets: onHello(name, color) and onShareChange(sharing) do the sending.

import { COLORS, isColor } from './symbols.js';
import { remembered, remember } from './storage.js';

const NARROW = window.matchMedia('(max-width: 640px)');

export class PeoplePanel {
  constructor(element, { onHello, onShareToggle }) {
    this.element = element;
    this.list = element.querySelector('#participants');
    this.count = element.querySelector('#people-count');
    this.toggle = element.querySelector('#people-toggle');
    this.body = element.querySelector('#people-body');
    this.nameInput = element.querySelector('#my-name');
    this.colorGroup = element.querySelector('#my-colors');
    this.shareButton = element.querySelector('#share-location');
    this.onHello = onHello;

    const name = remembered('name');
    this.nameInput.value = name ?? '';
    const color = remembered('color');
    this.color = isColor(color) ? color : COLORS[Math.floor(Math.random() * COLORS.length)];
    remember('color', this.color);

    // The name is sent when the person is done typing (change), not on every key.
    this.nameInput.addEventListener('change', () => {
      const value = this.nameInput.value.trim();
      this.nameInput.value = value;
      remember('name', value);
      this.onHello(this.name, this.color);
    });
    this.nameInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.nameInput.blur();
    });
    this.shareButton.addEventListener('click', () => onShareToggle());
    this.toggle.addEventListener('click', () => this.setOpen(this.toggle.getAttribute('aria-expanded') !== 'true'));
    this.setOpen(!NARROW.matches);
    this.renderColors();
  }

  get name() {
    return this.nameInput.value.trim();
  }

  show(visible) {
    this.element.hidden = !visible;
  }

  setOpen(open) {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.body.hidden = !open;
    this.element.classList.toggle('collapsed', !open);
  }

  renderColors() {
    this.colorGroup.replaceChildren();
    for (const color of COLORS) {
      const swatch = document.createElement('button');
      swatch.type = 'button';
      swatch.className = 'swatch';
      swatch.dataset.color = color;
      swatch.style.setProperty('--swatch', color);
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-label', `Your colour ${color}`);
      swatch.title = `Your colour ${color}`;
      swatch.setAttribute('aria-checked', String(color === this.color));
      swatch.addEventListener('click', () => {
        this.color = color;
        remember('color', color);
        for (const s of this.colorGroup.children) s.setAttribute('aria-checked', String(s === swatch));
        this.onHello(this.name, this.color);
      });
      this.colorGroup.append(swatch);
    }
  }

  /** sharing: 'off' | 'asking' | 'on' */
  showSharing(sharing) {
    this.shareButton.setAttribute('aria-pressed', String(sharing !== 'off'));
    this.shareButton.dataset.sharing = sharing;
    this.shareButton.querySelector('.share-text').textContent =
      sharing === 'on' ? 'Stop sharing my location' : sharing === 'asking' ? 'Finding your location…' : 'Share my location';
  }

  /** Shows everyone in the room, you first, then by name. */
  render(participants, you) {
    const people = [...participants].sort((a, b) => (a.id === you ? -1 : b.id === you ? 1 : 0)
      || String(a.name ?? '').localeCompare(String(b.name ?? '')) || a.id.localeCompare(b.id));
    this.count.textContent = String(people.length);
    const items = people.map((person) => {
      const item = document.createElement('li');
      item.className = 'participant';
      item.dataset.participantId = person.id;
      item.dataset.sharing = String(Boolean(person.sharing));
      const dot = document.createElement('span');
      dot.className = 'color-dot';
      dot.style.setProperty('--dot', isColor(person.color) ? person.color : '#607d8b');
      dot.setAttribute('aria-hidden', 'true');
      const name = document.createElement('span');
      name.className = 'participant-label';
      name.textContent = typeof person.name === 'string' && person.name !== '' ? person.name : 'Someone';
      item.append(dot, name);
      if (person.id === you) {
        item.classList.add('is-you');
        item.append(tag('you', 'tag-you'));
      }
      if (person.protocol === 1) item.append(tag('classic page', 'tag-v1', 'Uses the version 1 page: sees the room\'s first pin only'));
      if (person.sharing) {
        const accuracy = Number.isFinite(person.sharing.accuracy) ? ` (within ${Math.round(person.sharing.accuracy)} m)` : '';
        item.append(tag('sharing location', 'tag-sharing', `Shares their location${accuracy}`));
      }
      return item;
    });
    this.list.replaceChildren(...items);
  }
}

function tag(text, className, title) {
  const element = document.createElement('span');
  element.className = `tag ${className}`;
  element.textContent = text;
  if (title) element.title = title;
  return element;
}
