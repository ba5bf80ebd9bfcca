// The page's WebSocket to one room: connects, keeps the connection alive with pings, and reconnects after any
// close with exponential backoff and full jitter. It knows nothing about maps; it speaks JSON objects.
//
// Events (it is an EventTarget):
//   'statechange'  detail: { state, previous, retryInMs, protocol }   state is one of CONNECTING, OPEN, RECONNECTING;
//                  protocol is the subprotocol the server selected (OPEN only; '' when it selected none)
//   'message'      detail: the parsed JSON object of one text frame (frames that are not JSON objects are dropped)
//   'pong'         detail: { roundTripMs }

export const CONNECTING = 'connecting';
export const OPEN = 'open';
export const RECONNECTING = 'reconnecting';

const DEFAULTS = {
  pingIntervalMs: 30000,
  // WebSocket subprotocols to offer, best first; the server picks one or none (socket.protocol tells which).
  protocols: [],
  // Full jitter (wait a random time in [0, min(cap, base * 2^attempt)]) spreads the reconnects of many pages
  // after a server restart instead of sending them all back at the same instant.
  backoffBaseMs: 500,
  backoffCapMs: 30000,
  // A connection must stay open this long before the backoff starts again from the base, so a server that
  // accepts and then drops at once is not hammered.
  stableAfterMs: 10000,
  // An HTTP URL of the same server, asked (HEAD) to tell "server up" from "server away" after a failed handshake;
  // null: the page's own URL. An embedded map on another origin's page names its Waypoint here.
  probeUrl: null,
};

export class RoomConnection extends EventTarget {
  /**
   * @param {string} url  ws: or wss: URL of the room
   * @param {object} [options]  see DEFAULTS
   */
  constructor(url, options = {}) {
    super();
    this.url = url;
    this.options = { ...DEFAULTS, ...options };
    this.state = CONNECTING;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stableTimer = null;
    this.pingTimer = null;
    this.pendingPings = new Map();
    this.stopped = false;
    this.retryAt = 0;
    this.offerNothingOnce = false;
    // Coming back online or to a visible tab: try at once instead of waiting out a long backoff.
    this.retryNow = () => {
      if (this.retryTimer !== null && document.visibilityState === 'visible') this.connectNow();
    };
    window.addEventListener('online', this.retryNow);
    document.addEventListener('visibilitychange', this.retryNow);
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    document.removeEventListener('visibilitychange', this.retryNow);
    this.clearTimers();
    if (this.socket) this.socket.close(1000, 'page closed');
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one message now. Returns false, and sends nothing, when the connection is not open: never queued. */
  send(message) {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  sendPing() {
    const id = crypto.randomUUID();
    const clientTime = Date.now();
    if (this.send({ type: 'ping', id, clientTime })) this.pendingPings.set(id, performance.now());
  }

  connectNow() {
    this.clearRetry();
    this.open();
  }

  open() {
    if (this.stopped) return;
    // Browsers fail the handshake of a socket that offered subprotocols when the server selects none (Chromium:
    // "Sent non-empty 'Sec-WebSocket-Protocol' header but no response was received"), so a server without them
    // (an older Waypoint, the demo) is reached by one attempt that offers nothing, right after such a failure.
    const offer = this.offerNothingOnce ? [] : this.options.protocols;
    this.offerNothingOnce = false;
    let opened = false;
    let socket;
    try {
      socket = new WebSocket(this.url, offer);
    } catch (err) {
      // Only a malformed URL throws here; retrying cannot help, but stay in the same loop so the state shows it.
      console.error('waypoint: cannot open WebSocket', err);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      opened = true;
      this.setState(OPEN);
      this.stableTimer = setTimeout(() => { this.attempt = 0; }, this.options.stableAfterMs);
      this.pingTimer = setInterval(() => this.sendPing(), this.options.pingIntervalMs);
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      this.receive(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) return;
      console.info(`waypoint: connection closed (${event.code}${event.reason ? ' ' + event.reason : ''})`);
      this.socket = null;
      this.clearTimers();
      this.pendingPings.clear();
      if (!opened && offer.length > 0 && !this.stopped) {
        this.retryWithoutSubprotocolIfServerIsUp();
        return;
      }
      this.scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  receive(data) {
    if (typeof data !== 'string') return;
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn('waypoint: ignored a frame that is not JSON');
      return;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) return;
    if (message.type === 'pong' && this.pendingPings.has(message.id)) {
      const roundTripMs = performance.now() - this.pendingPings.get(message.id);
      this.pendingPings.delete(message.id);
      this.dispatchEvent(new CustomEvent('pong', { detail: { roundTripMs } }));
    }
    this.dispatchEvent(new CustomEvent('message', { detail: message }));
  }

  /**
   * A socket that offered subprotocols failed before it opened. When the page's own server answers HTTP, the
   * likely cause is a server that selects no subprotocol: try once at once without offering any. Otherwise the
   * server is away, and the usual backoff applies.
   */
  retryWithoutSubprotocolIfServerIsUp() {
    this.setState(RECONNECTING, 0);
    fetch(this.options.probeUrl ?? document.baseURI, { method: 'HEAD', cache: 'no-store' }).then(() => {
      if (this.stopped || this.socket !== null) return;
      console.info('waypoint: the server did not accept the offered subprotocols; connecting without them');
      this.offerNothingOnce = true;
      this.open();
    }, () => this.scheduleReconnect());
  }

  scheduleReconnect() {
    if (this.stopped) return;
    const ceiling = Math.min(this.options.backoffCapMs, this.options.backoffBaseMs * 2 ** this.attempt);
    const delay = Math.floor(Math.random() * ceiling);
    this.attempt = Math.min(this.attempt + 1, 30);
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => { this.retryTimer = null; this.open(); }, delay);
    this.setState(RECONNECTING, delay);
  }

  /** The subprotocol of the open connection ('' when the server selected none), or null when not open. */
  get protocol() {
    return this.isOpen ? this.socket.protocol : null;
  }

  setState(state, retryInMs = 0) {
    const previous = this.state;
    this.state = state;
    const protocol = state === OPEN && this.socket ? this.socket.protocol : null;
    this.dispatchEvent(new CustomEvent('statechange', { detail: { state, previous, retryInMs, protocol } }));
  }

  clearRetry() {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  clearTimers() {
    this.clearRetry();
    clearTimeout(this.stableTimer);
    clearInterval(this.pingTimer);
    this.stableTimer = null;
    this.pingTimer = null;
  }
}
