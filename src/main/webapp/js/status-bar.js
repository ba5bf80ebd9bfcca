// The top bar's connection indicator and the toasts. Text only through textContent: server messages are data.

import { CONNECTING, OPEN, RECONNECTING } from './connection.js';

const LABELS = { [CONNECTING]: 'Connecting…', [OPEN]: 'Connected', [RECONNECTING]: 'Reconnecting…' };

export class ConnectionIndicator {
  constructor(element) {
    this.element = element;
    this.label = element.querySelector('.connection-label');
    this.countdown = null;
  }

  /** Shows the state; while reconnecting it counts down to the next attempt. */
  show(state, retryInMs = 0) {
    clearInterval(this.countdown);
    this.countdown = null;
    this.element.dataset.state = state;
    this.element.title = '';
    if (state === RECONNECTING && retryInMs >= 1500) {
      const retryAt = Date.now() + retryInMs;
      const tick = () => {
        const seconds = Math.ceil((retryAt - Date.now()) / 1000);
        this.label.textContent = seconds > 0 ? `Reconnecting in ${seconds} s…` : LABELS[RECONNECTING];
      };
      tick();
      this.countdown = setInterval(tick, 1000);
    } else {
      this.label.textContent = LABELS[state] ?? state;
    }
  }

  /** The server refused the connection for good: no countdown, no retry. */
  showRefused(text) {
    clearInterval(this.countdown);
    this.countdown = null;
    this.element.dataset.state = 'refused';
    this.label.textContent = text;
  }

  showRoundTrip(ms) {
    if (this.element.dataset.state === OPEN) this.element.title = `Round trip to the server: ${Math.round(ms)} ms`;
  }
}

export class Toasts {
  constructor(container) {
    this.container = container;
  }

  /** Shows a short message for a few seconds; the same text shown again restarts its timer instead of stacking. */
  show(text, { kind = 'info', durationMs = 5000 } = {}) {
    let toast = [...this.container.children].find((t) => t.textContent === text);
    if (!toast) {
      toast = document.createElement('div');
      toast.className = `toast toast-${kind}`;
      toast.textContent = text;
      this.container.append(toast);
      while (this.container.children.length > 3) this.container.firstElementChild.remove();
    }
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => toast.remove(), durationMs);
  }
}
