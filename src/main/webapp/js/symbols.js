// Pin colours and symbols. A symbol is one emoji or `icon:NAME`; the icons are the WAR's own SVGs under icons/,
// drawn through a CSS mask (css/waypoint.css, .icon-NAME) so they take the colour of the text around them.

export const ICONS = ['flag', 'star', 'home', 'food', 'car', 'camera', 'info', 'warning'];
export const ICON_TITLES = {
  flag: 'Flag', star: 'Star', home: 'Home', food: 'Food', car: 'Car', camera: 'Camera', info: 'Info', warning: 'Warning',
};
export const EMOJIS = ['📍', '☕', '🍕', '🏨', '🚉', '⛺', '🎉', '❤️'];

export const COLORS = ['#ff4136', '#f5a623', '#2ecc71', '#1e88e5', '#8e24aa', '#e91e63', '#00897b', '#37474f'];
export const DEFAULT_COLOR = '#ff4136';

const COLOR = /^#[0-9a-fA-F]{6}$/;
export const isColor = (value) => typeof value === 'string' && COLOR.test(value);

/** The icon NAME of an `icon:NAME` symbol, or null. */
export function iconName(symbol) {
  if (typeof symbol !== 'string' || !symbol.startsWith('icon:')) return null;
  const name = symbol.slice(5);
  return ICONS.includes(name) ? name : null;
}

/** An element showing the symbol (empty for none); text only through textContent. */
export function symbolElement(symbol, className = 'pin-symbol') {
  const element = document.createElement('span');
  element.className = className;
  element.setAttribute('aria-hidden', 'true');
  const icon = iconName(symbol);
  if (icon !== null) {
    const glyph = document.createElement('span');
    glyph.className = `icon icon-${icon}`;
    element.append(glyph);
  } else if (typeof symbol === 'string' && !symbol.startsWith('icon:')) {
    element.textContent = symbol;
  }
  return element;
}

/** A short text for a symbol, for titles and labels. */
export function symbolTitle(symbol) {
  const icon = iconName(symbol);
  if (icon !== null) return ICON_TITLES[icon];
  return typeof symbol === 'string' && symbol !== '' ? symbol : 'No symbol';
}
