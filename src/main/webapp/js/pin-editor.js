// The form in a pin's popup: label, description and metadata rows (key, type, value), Save and Delete.
// It validates against the server's limits before anything is sent, and stays open (busy) until the server
// has answered, so a refused edit is not lost. It knows nothing about sockets: onSave and onDelete do the sending.

import { isColor, symbolTitle, COLORS, ICONS, EMOJIS } from './symbols.js';

const TYPES = [['string', 'Text'], ['number', 'Number'], ['boolean', 'Yes/no']];
const DEFAULT_LIMITS = { labelLength: 80, descriptionLength: 1000, metadataKeys: 20, metadataKeyLength: 40, metadataValueLength: 200 };

let formCount = 0;

export class PinEditor {
  /**
   * @param {object} pin
   * @param {object} options  limits; onSave(pin, set); onDelete(pin)
   */
  constructor(pin, { limits, onSave, onDelete }) {
    this.pin = pin;
    this.limits = { ...DEFAULT_LIMITS, ...pickNumbers(limits) };
    this.onSave = onSave;
    this.onDelete = onDelete;
    this.dirty = false;
    this.id = `pin-editor-${++formCount}`;
    this.form = document.createElement('form');
    this.form.className = 'pin-editor';
    this.form.noValidate = true;
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.save(); });
    this.form.addEventListener('input', () => { this.dirty = true; this.showProblem(''); });
    this.render();
  }

  get element() {
    return this.form;
  }

  /** The pin changed on the server: shown as is when nothing was typed yet, otherwise kept and noted. */
  update(pin, changedBySomeoneElse) {
    const before = this.pin;
    this.pin = pin;
    if (!this.dirty) {
      this.render();
    } else if (changedBySomeoneElse && before.version !== pin.version) {
      this.showProblem('Someone else changed this pin meanwhile. Saving would be refused; close and reopen to see their change.');
    }
    this.form.dataset.version = String(pin.version ?? '');
  }

  /** Shows the pin as it is now, dropping what was typed (after a refused save). */
  reset(pin) {
    this.pin = pin;
    this.render();
  }

  setBusy(busy) {
    this.form.classList.toggle('busy', busy);
    for (const control of this.form.querySelectorAll('button, input, textarea, select')) control.disabled = busy;
  }

  showProblem(text) {
    const problem = this.form.querySelector('.pin-editor-problem');
    problem.textContent = text;
    problem.hidden = text === '';
  }

  render() {
    const pin = this.pin;
    const limits = this.limits;
    this.dirty = false;
    this.form.dataset.pinId = pin.id;
    this.form.dataset.version = String(pin.version ?? '');
    this.color = isColor(pin.color) ? pin.color : COLORS[0];
    this.symbol = typeof pin.symbol === 'string' ? pin.symbol : '';

    const head = el('div', 'pin-editor-head');
    const title = el('strong', 'pin-editor-title', 'Edit pin');
    const meta = el('span', 'pin-editor-meta');
    const by = typeof pin.createdBy === 'string' ? pin.createdBy : '';
    const at = typeof pin.createdAt === 'string' && !Number.isNaN(Date.parse(pin.createdAt))
      ? new Date(pin.createdAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
    meta.textContent = [by && `Added by ${by}`, at].filter(Boolean).join(' · ');
    head.append(title, meta);

    const label = field('Label', input('label', 'text', pin.label ?? '', { maxLength: limits.labelLength, required: true }), this.id);
    const description = field('Description', textarea('description', pin.description ?? '', limits.descriptionLength), this.id);

    const looks = el('div', 'pin-editor-looks');
    looks.append(this.colorChoice(), this.symbolChoice());

    const details = el('fieldset', 'pin-editor-metadata');
    details.append(el('legend', '', 'Details'));
    this.rows = el('div', 'metadata-rows');
    details.append(this.rows);
    const metadata = pin.metadata !== null && typeof pin.metadata === 'object' ? pin.metadata : {};
    for (const [key, value] of Object.entries(metadata)) this.rows.append(this.row(key, value));
    const addRow = el('button', 'link-button metadata-add', '+ Add field');
    addRow.type = 'button';
    addRow.addEventListener('click', () => {
      if (this.rows.children.length >= limits.metadataKeys) {
        this.showProblem(`A pin has at most ${limits.metadataKeys} fields.`);
        return;
      }
      const row = this.row('', '');
      this.rows.append(row);
      this.dirty = true;
      row.querySelector('[name="key"]').focus();
    });
    details.append(addRow);

    const problem = el('p', 'pin-editor-problem');
    problem.hidden = true;
    problem.setAttribute('role', 'alert');

    const actions = el('div', 'pin-editor-actions');
    const remove = el('button', 'button button-danger', 'Delete');
    remove.type = 'button';
    remove.name = 'delete';
    remove.addEventListener('click', () => this.onDelete(this.pin));
    const save = el('button', 'button button-primary', 'Save');
    save.type = 'submit';
    save.name = 'save';
    actions.append(remove, save);

    this.form.replaceChildren(head, label, description, looks, details, problem, actions);
  }

  colorChoice() {
    const group = el('div', 'swatches swatches-small');
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-label', 'Colour');
    const colors = COLORS.includes(this.color) ? COLORS : [...COLORS, this.color];
    for (const color of colors) {
      const swatch = el('button', 'swatch');
      swatch.type = 'button';
      swatch.style.setProperty('--swatch', color);
      swatch.dataset.color = color;
      swatch.title = color;
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-checked', String(color === this.color));
      swatch.addEventListener('click', () => {
        this.color = color;
        this.dirty = true;
        for (const s of group.children) s.setAttribute('aria-checked', String(s === swatch));
      });
      group.append(swatch);
    }
    return group;
  }

  symbolChoice() {
    const select = document.createElement('select');
    select.name = 'symbol';
    select.className = 'symbol-select';
    select.setAttribute('aria-label', 'Symbol');
    const options = ['', ...ICONS.map((i) => `icon:${i}`), ...EMOJIS];
    if (this.symbol !== '' && !options.includes(this.symbol)) options.push(this.symbol);
    for (const symbol of options) {
      const option = document.createElement('option');
      option.value = symbol;
      option.textContent = symbol === '' ? 'No symbol' : symbol.startsWith('icon:') ? symbolTitle(symbol) : symbol;
      option.selected = symbol === this.symbol;
      select.append(option);
    }
    select.addEventListener('change', () => { this.symbol = select.value; });
    return select;
  }

  row(key, value) {
    const limits = this.limits;
    const row = el('div', 'metadata-row');
    const keyInput = input('key', 'text', key, { maxLength: limits.metadataKeyLength, placeholder: 'Name' });
    keyInput.setAttribute('aria-label', 'Field name');
    const type = document.createElement('select');
    type.name = 'type';
    type.setAttribute('aria-label', 'Field type');
    const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    for (const [t, text] of TYPES) {
      const option = document.createElement('option');
      option.value = t;
      option.textContent = text;
      option.selected = t === kind;
      type.append(option);
    }
    let valueInput = valueControl(kind, value, limits);
    type.addEventListener('change', () => {
      const current = readValue(valueInput);
      const next = valueControl(type.value, type.value === 'boolean' ? current === 'true' || current === true : current, limits);
      valueInput.replaceWith(next);
      valueInput = next;
    });
    const remove = el('button', 'icon-button metadata-remove', '×');
    remove.type = 'button';
    remove.title = 'Remove this field';
    remove.setAttribute('aria-label', 'Remove this field');
    remove.addEventListener('click', () => { row.remove(); this.dirty = true; this.showProblem(''); });
    row.append(keyInput, type, valueInput, remove);
    return row;
  }

  /** Reads the form into an updatePin `set`, or shows what is wrong and returns null. */
  read() {
    const limits = this.limits;
    const label = this.form.elements.label.value.trim();
    if (label === '') return this.refuse('The label cannot be empty.', this.form.elements.label);
    if (label.length > limits.labelLength) return this.refuse(`The label is longer than ${limits.labelLength} characters.`, this.form.elements.label);
    const description = this.form.elements.description.value;
    if (description.length > limits.descriptionLength) return this.refuse(`The description is longer than ${limits.descriptionLength} characters.`, this.form.elements.description);
    const metadata = {};
    for (const row of this.rows.children) {
      const keyInput = row.querySelector('[name="key"]');
      const key = keyInput.value.trim();
      const type = row.querySelector('[name="type"]').value;
      const valueInput = row.querySelector('[name="value"]');
      const raw = readValue(valueInput);
      if (key === '' && (raw === '' || raw === false)) continue; // an empty row is no field
      if (key === '') return this.refuse('Every field needs a name.', keyInput);
      if (key.length > limits.metadataKeyLength) return this.refuse(`A field name is longer than ${limits.metadataKeyLength} characters.`, keyInput);
      if (Object.hasOwn(metadata, key)) return this.refuse(`There are two fields named “${key}”.`, keyInput);
      if (type === 'number') {
        const number = raw.trim() === '' ? NaN : Number(raw);
        if (!Number.isFinite(number)) return this.refuse(`“${key}” is not a number.`, valueInput);
        metadata[key] = number;
      } else if (type === 'boolean') {
        metadata[key] = raw === true;
      } else {
        if (raw.length > limits.metadataValueLength) return this.refuse(`“${key}” is longer than ${limits.metadataValueLength} characters.`, valueInput);
        metadata[key] = raw;
      }
    }
    if (Object.keys(metadata).length > limits.metadataKeys) return this.refuse(`A pin has at most ${limits.metadataKeys} fields.`, null);
    return {
      label,
      description: description.trim() === '' ? null : description,
      color: this.color,
      symbol: this.symbol === '' ? null : this.symbol,
      metadata: Object.keys(metadata).length === 0 ? null : metadata,
    };
  }

  refuse(text, control) {
    this.showProblem(text);
    if (control) control.focus();
    return null;
  }

  save() {
    const set = this.read();
    if (set !== null) this.onSave(this.pin, set);
  }
}

function pickNumbers(limits) {
  const out = {};
  for (const [key, value] of Object.entries(limits ?? {})) if (Number.isInteger(value) && value > 0) out[key] = value;
  return out;
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function input(name, type, value, { maxLength, required, placeholder } = {}) {
  const element = document.createElement('input');
  element.name = name;
  element.type = type;
  element.value = value;
  element.autocomplete = 'off';
  if (maxLength) element.maxLength = maxLength;
  if (required) element.required = true;
  if (placeholder) element.placeholder = placeholder;
  return element;
}

function textarea(name, value, maxLength) {
  const element = document.createElement('textarea');
  element.name = name;
  element.rows = 2;
  element.value = value;
  if (maxLength) element.maxLength = maxLength;
  return element;
}

function field(caption, control, formId) {
  const label = el('label', 'pin-editor-field');
  control.id = `${formId}-${control.name}`;
  label.htmlFor = control.id;
  label.append(el('span', 'pin-editor-caption', caption), control);
  return label;
}

function valueControl(kind, value, limits) {
  if (kind === 'boolean') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'value';
    box.checked = value === true;
    box.setAttribute('aria-label', 'Field value (yes or no)');
    return box;
  }
  const element = input('value', 'text', value === '' || value === undefined ? '' : String(value),
    { maxLength: kind === 'number' ? 40 : limits.metadataValueLength, placeholder: kind === 'number' ? '0' : 'Value' });
  if (kind === 'number') element.inputMode = 'decimal';
  element.setAttribute('aria-label', 'Field value');
  return element;
}

function readValue(control) {
  return control.type === 'checkbox' ? control.checked : control.value;
}

