// The toolbar for new pins and routes. Its mode is 'pin' ("Add pin", the default: a click on the map adds a pin),
// 'route' ("Draw route": clicks on the map and on pins add the points of a new route, shown with Undo, Cancel and
// Finish) or null (browsing). The colour and the optional label apply to what is added; the symbol to pins. The
// choices are remembered in localStorage. onModeChange(mode) is called whenever the mode changes.

import { COLORS, EMOJIS, ICONS, symbolElement, symbolTitle } from './symbols.js';
import { remembered, remember } from './storage.js';

export class Toolbar {
  constructor(element) {
    this.element = element;
    this.modeButton = element.querySelector('#add-mode');
    this.colorGroup = element.querySelector('#pin-colors');
    this.symbolButton = element.querySelector('#symbol-button');
    this.symbolMenu = element.querySelector('#symbol-menu');
    this.labelInput = element.querySelector('#new-pin-label');
    this.routeButton = element.querySelector('#route-mode');
    this.draft = element.querySelector('#route-draft');
    this.draftStatus = element.querySelector('#route-draft-status');
    this.undoButton = element.querySelector('#route-undo');
    this.cancelButton = element.querySelector('#route-cancel');
    this.finishButton = element.querySelector('#route-finish');
    this.onModeChange = () => {};

    const color = remembered('pinColor');
    this.color = COLORS.includes(color) ? color : COLORS[0];
    const symbol = remembered('pinSymbol');
    this.symbol = symbol === '' || ICONS.includes(symbol?.slice(5)) || EMOJIS.includes(symbol) ? symbol : 'icon:flag';
    this.mode = 'pin';

    this.modeButton.addEventListener('click', () => this.setMode(this.mode === 'pin' ? null : 'pin'));
    this.routeButton.addEventListener('click', () => this.setMode(this.mode === 'route' ? null : 'route'));
    this.renderColors();
    this.renderSymbols();
    this.symbolButton.addEventListener('click', () => this.toggleMenu());
    document.addEventListener('click', (event) => {
      if (!this.symbolMenu.hidden && !event.target.closest('.symbol-picker')) this.toggleMenu(false);
    });
    this.symbolMenu.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { this.toggleMenu(false); this.symbolButton.focus(); }
    });
  }

  show(visible) {
    this.element.hidden = !visible;
  }

  /** True in "Add pin" mode. */
  get adding() {
    return this.mode === 'pin';
  }

  /** Offers "Draw route" only when the server has routes. */
  showRoutes(available) {
    this.routeButton.hidden = !available;
    if (!available && this.mode === 'route') this.setMode(null);
  }

  /** mode: 'pin', 'route' or null. */
  setMode(mode) {
    const before = this.mode;
    this.mode = mode;
    this.modeButton.setAttribute('aria-pressed', String(mode === 'pin'));
    this.routeButton.setAttribute('aria-pressed', String(mode === 'route'));
    document.body.classList.toggle('adding-pins', mode === 'pin');
    document.body.classList.toggle('drawing-route', mode === 'route');
    this.draft.hidden = mode !== 'route';
    this.element.querySelector('.symbol-picker').hidden = mode === 'route';
    this.labelInput.previousElementSibling.textContent = mode === 'route' ? 'Label of the new route' : 'Label of new pins';
    if (before !== mode) this.onModeChange(mode, before);
  }

  /** What the route being drawn looks like so far: its number of points and the text of its length. */
  showDraft(count, lengthText) {
    this.draftStatus.textContent = count === 0 ? 'Click the map or a pin to start'
      : `${count} point${count === 1 ? '' : 's'} · ${lengthText}`;
    this.draftStatus.dataset.points = String(count);
    this.undoButton.disabled = count === 0;
    this.finishButton.disabled = count < 2;
  }

  /** The colour and label of a new route. */
  newRoute() {
    const route = { color: this.color };
    const label = this.labelInput.value.trim();
    if (label !== '') route.label = label;
    return route;
  }

  /** The pin a click on the map adds (without its location). */
  newPin() {
    const pin = { color: this.color };
    if (this.symbol !== '') pin.symbol = this.symbol;
    const label = this.labelInput.value.trim();
    if (label !== '') pin.label = label;
    return pin;
  }

  setLimits(limits) {
    if (Number.isInteger(limits?.labelLength) && limits.labelLength > 0) this.labelInput.maxLength = limits.labelLength;
  }

  renderColors() {
    this.colorGroup.replaceChildren();
    for (const color of COLORS) {
      const swatch = document.createElement('button');
      swatch.type = 'button';
      swatch.className = 'swatch';
      swatch.dataset.color = color;
      swatch.style.setProperty('--swatch', color);
      swatch.title = `Colour ${color}`;
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-label', `Colour ${color}`);
      swatch.setAttribute('aria-checked', String(color === this.color));
      swatch.addEventListener('click', () => {
        this.color = color;
        remember('pinColor', color);
        for (const s of this.colorGroup.children) s.setAttribute('aria-checked', String(s === swatch));
        this.renderSymbolButton();
      });
      this.colorGroup.append(swatch);
    }
  }

  renderSymbols() {
    this.symbolMenu.replaceChildren();
    for (const symbol of ['', ...ICONS.map((i) => `icon:${i}`), ...EMOJIS]) {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'symbol-item';
      item.setAttribute('role', 'menuitemradio');
      item.setAttribute('aria-checked', String(symbol === this.symbol));
      item.dataset.symbol = symbol;
      item.title = symbolTitle(symbol);
      item.setAttribute('aria-label', symbolTitle(symbol));
      if (symbol === '') {
        const none = document.createElement('span');
        none.className = 'symbol-none';
        none.setAttribute('aria-hidden', 'true');
        item.append(none);
      } else {
        item.append(symbolElement(symbol, 'symbol-glyph'));
      }
      item.addEventListener('click', () => {
        this.symbol = symbol;
        remember('pinSymbol', symbol);
        for (const s of this.symbolMenu.children) s.setAttribute('aria-checked', String(s === item));
        this.renderSymbolButton();
        this.toggleMenu(false);
        this.symbolButton.focus();
      });
      this.symbolMenu.append(item);
    }
    this.renderSymbolButton();
  }

  renderSymbolButton() {
    const preview = document.createElement('span');
    preview.className = 'symbol-preview';
    preview.style.setProperty('--pin-color', this.color);
    preview.append(symbolElement(this.symbol, 'symbol-glyph'));
    const caret = document.createElement('span');
    caret.className = 'caret';
    caret.setAttribute('aria-hidden', 'true');
    this.symbolButton.replaceChildren(preview, caret);
    this.symbolButton.setAttribute('aria-label', `Symbol of new pins: ${symbolTitle(this.symbol)}`);
  }

  toggleMenu(open = this.symbolMenu.hidden) {
    this.symbolMenu.hidden = !open;
    this.symbolButton.setAttribute('aria-expanded', String(open));
    if (open) this.symbolMenu.querySelector('[aria-checked="true"]')?.focus();
  }
}
