// The routes panel (#routes: one item per route with its colour, label, number of points and length in the viewer's
// unit; a click opens the route) and the card shown in a route's popup (label, colour, length, a form to change
// the label and colour, "Edit points", Delete). Both know nothing about sockets or the map: callbacks do the work.
//
// For tests and anyone inspecting the page, each item of #routes-list carries data-route-id, data-points,
// data-length-meters, data-unit and data-color; its .route-name shows the label and .route-length the length text.

import { COLORS, isColor } from './symbols.js';
import { UNITS } from './geo.js';

const NARROW = window.matchMedia('(max-width: 640px)');
const UNIT_NAMES = { km: 'Kilometres', mi: 'Miles' };

/** A km | mi switch; onChange(unit). Call .set(unit) to show another unit. */
export function unitToggle(container, unit, onChange) {
  container.replaceChildren();
  container.classList.add('unit-toggle');
  container.setAttribute('role', 'group');
  if (!container.hasAttribute('aria-label')) container.setAttribute('aria-label', 'Distance unit');
  for (const u of UNITS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'unit-button';
    button.dataset.unit = u;
    button.textContent = u;
    button.title = UNIT_NAMES[u];
    button.addEventListener('click', () => onChange(u));
    container.append(button);
  }
  const set = (current) => {
    for (const b of container.children) b.setAttribute('aria-pressed', String(b.dataset.unit === current));
  };
  set(unit);
  return { set };
}

export const routeName = (route) => (typeof route?.label === 'string' && route.label !== '' ? route.label : 'Route');

export class RoutesPanel {
  /**
   * @param {HTMLElement} element  #routes
   * @param {object} options  unit; onOpen(routeId); onUnit(unit)
   */
  constructor(element, { unit, onOpen, onUnit }) {
    this.element = element;
    this.list = element.querySelector('#routes-list');
    this.count = element.querySelector('#routes-count');
    this.empty = element.querySelector('#routes-empty');
    this.toggle = element.querySelector('#routes-toggle');
    this.onOpen = onOpen;
    this.units = unitToggle(element.querySelector('#routes-unit'), unit, onUnit);
    this.toggle.addEventListener('click', () => this.setOpen(this.toggle.getAttribute('aria-expanded') !== 'true'));
    this.setOpen(!NARROW.matches);
  }

  show(visible) {
    this.element.hidden = !visible;
  }

  setOpen(open) {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.element.classList.toggle('collapsed', !open);
  }

  /**
   * Shows the routes, oldest first: entries [{ route, meters, points, lengthText, selected }], in the unit.
   */
  render(entries, unit) {
    this.units.set(unit);
    this.count.textContent = String(entries.length);
    this.empty.hidden = entries.length > 0;
    const items = entries.map(({ route, meters, points, lengthText, selected }) => {
      const item = document.createElement('li');
      item.className = 'route-item';
      item.dataset.routeId = route.id;
      item.dataset.points = String(points);
      item.dataset.lengthMeters = String(meters);
      item.dataset.unit = unit;
      item.dataset.color = isColor(route.color) ? route.color : '#1e88e5';
      item.classList.toggle('selected', Boolean(selected));
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'route-open';
      const swatch = document.createElement('span');
      swatch.className = 'route-swatch';
      swatch.style.setProperty('--route-color', isColor(route.color) ? route.color : '#1e88e5');
      swatch.setAttribute('aria-hidden', 'true');
      const name = document.createElement('span');
      name.className = 'route-name';
      name.textContent = routeName(route);
      const detail = document.createElement('span');
      detail.className = 'route-detail';
      const length = document.createElement('span');
      length.className = 'route-length';
      length.textContent = lengthText;
      const count = document.createElement('span');
      count.className = 'route-points';
      count.textContent = `${points} points`;
      detail.append(length, count);
      button.append(swatch, name, detail);
      button.setAttribute('aria-label', `${routeName(route)}, ${lengthText}, ${points} points. Show on the map.`);
      button.addEventListener('click', () => this.onOpen(route.id));
      item.append(button);
      return item;
    });
    this.list.replaceChildren(...items);
  }
}

/**
 * The content of a route's popup. update(route, lengthText, unit) shows the route as it is now; the label and colour
 * fields keep what the person typed or picked until it is saved or given up (reset).
 * @param {object} options  unit; labelLength; onUnit(unit); onEdit(); onDelete(); onSave(set) with set {label?, color?}
 */
export class RouteCard {
  constructor({ unit, labelLength = 80, onUnit, onEdit, onDelete, onSave }) {
    this.onSave = onSave;
    this.route = null;
    /** The label or colour was changed here and not saved yet. */
    this.dirty = false;
    this.saving = false;
    this.color = null;
    this.element = document.createElement('div');
    this.element.className = 'route-card';
    const head = document.createElement('div');
    head.className = 'route-card-head';
    this.swatch = document.createElement('span');
    this.swatch.className = 'route-swatch';
    this.title = document.createElement('strong');
    this.title.className = 'route-card-title';
    head.append(this.swatch, this.title);
    this.meta = document.createElement('div');
    this.meta.className = 'pin-editor-meta route-card-meta';

    const lengthRow = document.createElement('div');
    lengthRow.className = 'route-card-length-row';
    const caption = document.createElement('span');
    caption.className = 'pin-editor-caption';
    caption.textContent = 'Length';
    this.length = document.createElement('span');
    this.length.className = 'route-card-length';
    const units = document.createElement('div');
    this.units = unitToggle(units, unit, onUnit);
    lengthRow.append(caption, this.length, units);

    // Label and colour: Save (or Enter in the label) sends what changed.
    this.form = document.createElement('form');
    this.form.className = 'route-card-form';
    this.form.noValidate = true;
    const labelField = document.createElement('label');
    labelField.className = 'pin-editor-field';
    const labelCaption = document.createElement('span');
    labelCaption.className = 'pin-editor-caption';
    labelCaption.textContent = 'Label';
    this.labelInput = document.createElement('input');
    this.labelInput.type = 'text';
    this.labelInput.name = 'label';
    this.labelInput.maxLength = Number.isInteger(labelLength) ? labelLength : 80;
    this.labelInput.autocomplete = 'off';
    this.labelInput.placeholder = 'Route';
    this.labelInput.addEventListener('input', () => { this.dirty = true; this.showProblem(''); });
    labelField.append(labelCaption, this.labelInput);
    this.swatches = document.createElement('div');
    this.swatches.className = 'swatches swatches-small route-card-colors';
    this.swatches.setAttribute('role', 'radiogroup');
    this.swatches.setAttribute('aria-label', 'Route colour');
    this.saveButton = document.createElement('button');
    this.saveButton.type = 'submit';
    this.saveButton.name = 'save';
    this.saveButton.className = 'button button-primary button-small';
    this.saveButton.textContent = 'Save';
    const looks = document.createElement('div');
    looks.className = 'route-card-looks';
    looks.append(this.swatches, this.saveButton);
    this.form.append(labelField, looks);
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.save(); });

    this.problem = document.createElement('p');
    this.problem.className = 'pin-editor-problem';
    this.problem.setAttribute('role', 'alert');
    this.problem.hidden = true;

    const actions = document.createElement('div');
    actions.className = 'pin-editor-actions';
    this.deleteButton = document.createElement('button');
    this.deleteButton.type = 'button';
    this.deleteButton.name = 'delete';
    this.deleteButton.className = 'button button-danger';
    this.deleteButton.textContent = 'Delete';
    this.deleteButton.addEventListener('click', () => onDelete());
    this.editButton = document.createElement('button');
    this.editButton.type = 'button';
    this.editButton.name = 'edit-points';
    this.editButton.className = 'button';
    this.editButton.textContent = 'Edit points';
    this.editButton.addEventListener('click', () => onEdit());
    actions.append(this.deleteButton, this.editButton);
    this.element.append(head, this.meta, lengthRow, this.form, this.problem, actions);
  }

  update(route, lengthText, unit) {
    const first = this.route === null;
    this.route = route;
    this.element.dataset.routeId = route.id;
    this.element.dataset.version = String(route.version ?? '');
    this.swatch.style.setProperty('--route-color', isColor(route.color) ? route.color : '#1e88e5');
    this.title.textContent = routeName(route);
    const pins = route.points.filter((p) => typeof p.pinId === 'string').length;
    const by = typeof route.createdBy === 'string' && route.createdBy !== '' ? ` · drawn by ${route.createdBy}` : '';
    this.meta.textContent = `${route.points.length} points${pins > 0 ? ` (${pins} at pins)` : ''}${by}`;
    this.length.textContent = lengthText;
    this.units.set(unit);
    if (first || (!this.dirty && !this.saving)) this.reset(route);
  }

  /** Shows the route's own label and colour in the fields (what was typed here is given up). */
  reset(route = this.route) {
    this.dirty = false;
    if (route === null) return;
    this.labelInput.value = typeof route.label === 'string' ? route.label : '';
    this.showColors(isColor(route.color) ? route.color : '#1e88e5');
  }

  showColors(current) {
    this.color = current;
    const colors = COLORS.includes(current) ? COLORS : [...COLORS, current];
    this.swatches.replaceChildren(...colors.map((color) => {
      const swatch = document.createElement('button');
      swatch.type = 'button';
      swatch.className = 'swatch';
      swatch.style.setProperty('--swatch', color);
      swatch.dataset.color = color;
      swatch.title = color;
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-checked', String(color === current));
      swatch.addEventListener('click', () => {
        this.color = color;
        this.dirty = true;
        this.showProblem('');
        for (const s of this.swatches.children) s.setAttribute('aria-checked', String(s === swatch));
      });
      return swatch;
    }));
  }

  save() {
    if (this.route === null || this.saving) return;
    const label = this.labelInput.value.trim();
    if (label === '') {
      this.showProblem('A route needs a label.');
      this.labelInput.focus();
      return;
    }
    const set = {};
    if (label !== (this.route.label ?? '')) set.label = label;
    if (this.color !== (isColor(this.route.color) ? this.route.color : '#1e88e5')) set.color = this.color;
    if (Object.keys(set).length === 0) {
      this.reset();
      return;
    }
    this.onSave(set);
  }

  /** Whether a save is on its way: the buttons wait, the fields keep what is being saved. */
  setSaving(saving) {
    this.saving = saving;
    this.setBusy(saving);
  }

  setBusy(busy) {
    this.deleteButton.disabled = busy;
    this.editButton.disabled = busy;
    this.saveButton.disabled = busy;
  }

  showProblem(text) {
    this.problem.textContent = text;
    this.problem.hidden = text === '';
  }
}
