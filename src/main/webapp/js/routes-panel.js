// The routes panel (#routes: one item per route with its colour, label, number of points and length in the viewer's
// unit; a click opens the route) and the card shown in a route's popup (label, colour, length, "Edit points",
// Delete). Both know nothing about sockets or the map: callbacks do the work.
//
// For tests and anyone inspecting the page, each item of #routes-list carries data-route-id, data-points,
// data-length-meters and data-unit; its .route-length shows the length text.

import { isColor } from './symbols.js';
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
 * The content of a route's popup. update(route, lengthText, unit) shows the route as it is now.
 * @param {object} options  unit; onUnit(unit); onEdit(); onDelete()
 */
export class RouteCard {
  constructor({ unit, onUnit, onEdit, onDelete }) {
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
    this.element.append(head, this.meta, lengthRow, this.problem, actions);
  }

  update(route, lengthText, unit) {
    this.element.dataset.routeId = route.id;
    this.swatch.style.setProperty('--route-color', isColor(route.color) ? route.color : '#1e88e5');
    this.title.textContent = routeName(route);
    const pins = route.points.filter((p) => typeof p.pinId === 'string').length;
    const by = typeof route.createdBy === 'string' && route.createdBy !== '' ? ` · drawn by ${route.createdBy}` : '';
    this.meta.textContent = `${route.points.length} points${pins > 0 ? ` (${pins} at pins)` : ''}${by}`;
    this.length.textContent = lengthText;
    this.units.set(unit);
  }

  setBusy(busy) {
    this.deleteButton.disabled = busy;
    this.editButton.disabled = busy;
  }

  showProblem(text) {
    this.problem.textContent = text;
    this.problem.hidden = text === '';
  }
}
