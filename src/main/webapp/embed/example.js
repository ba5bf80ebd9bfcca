// The example page's own script, as a portal would write it: listens to the elements' events, calls their methods,
// and talks to the iframe through postMessage (checking who the messages come from).

const log = document.getElementById('log');
function note(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.prepend(item);
  while (log.children.length > 60) log.lastElementChild.remove();
}

const describe = (detail) => {
  if (detail?.pin) return `${detail.type ?? ''} ${detail.pin.label ?? ''} (${detail.pin.location.lat.toFixed(3)}, ${detail.pin.location.lng.toFixed(3)})`;
  if (detail?.participant) return `${detail.type} ${detail.participant.name ?? ''}`;
  return detail?.type ?? '';
};

// --- The tag -----------------------------------------------------------------------------------------------------

const north = document.getElementById('north');
const south = document.getElementById('south');
for (const map of [north, south]) {
  map.addEventListener('waypoint-ready', (e) => note(`${map.id}: ready, room ${e.detail.room}, ${e.detail.pins.length} pins, ${e.detail.participants.length} people`));
  map.addEventListener('waypoint-connection', (e) => note(`${map.id}: connection ${e.detail.state}`));
  map.addEventListener('waypoint-change', (e) => note(`${map.id}: ${describe(e.detail)}${e.detail.mine ? ' (from here)' : ''}`));
  map.addEventListener('waypoint-select', (e) => note(`${map.id}: selected ${e.detail.pin ? e.detail.pin.label : 'nothing'}`));
  map.addEventListener('waypoint-error', (e) => note(`${map.id}: error ${e.detail.code}: ${e.detail.message}`));
}
north.addEventListener('waypoint-select', (e) => {
  document.getElementById('north-selected').textContent = e.detail.pin ? `Selected: ${e.detail.pin.label}` : 'No pin selected';
});
document.getElementById('north-fly').addEventListener('click', () => north.flyTo(13.405, 52.52, 9));
document.getElementById('north-select').addEventListener('click', () => {
  const newest = north.pins.at(-1);
  if (newest) north.selectPin(newest.id); else note('north: no pins yet: turn on “Add pin” and click the map');
});
document.getElementById('south-editable').addEventListener('click', (e) => {
  const readOnly = south.hasAttribute('readonly');
  south.toggleAttribute('readonly', !readOnly);
  e.target.textContent = readOnly ? 'Make read-only' : 'Allow editing';
});

// --- The iframe ----------------------------------------------------------------------------------------------------

const frame = document.getElementById('frame');
const waypointOrigin = new URL(frame.src, document.baseURI).origin;
let lastPins = [];
let frameReady = false;
let nextId = 1;
const send = (command, ...args) => frame.contentWindow.postMessage({ target: 'waypoint', command, args, id: nextId++ }, waypointOrigin);

window.addEventListener('message', (event) => {
  // Only the frame, only from Waypoint's origin: any other window could post anything.
  if (event.origin !== waypointOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message?.source !== 'waypoint') return;
  switch (message.type) {
    case 'waypoint-ready':
      frameReady = true;
      document.getElementById('frame-state').textContent = 'ready';
      lastPins = message.detail.pins;
      note(`frame: ready, room ${message.detail.room}, ${message.detail.pins.length} pins`);
      break;
    case 'waypoint-change':
      if (message.detail.type === 'pinAdded') lastPins.push(message.detail.pin);
      if (message.detail.type === 'pinRemoved') lastPins = lastPins.filter((p) => p.id !== message.detail.id);
      if (message.detail.type === 'snapshot') lastPins = message.detail.pins;
      note(`frame: ${describe(message.detail)}`);
      break;
    case 'waypoint-select':
      note(`frame: selected ${message.detail.pin ? message.detail.pin.label : 'nothing'}`);
      break;
    case 'waypoint-connection':
      document.getElementById('frame-state').textContent = message.detail.state !== 'open' ? message.detail.state
        : frameReady ? 'ready' : 'connected';
      break;
    case 'waypoint-result':
      document.getElementById('frame-answer').textContent = message.ok
        ? `${message.command}: ${JSON.stringify(message.result)?.slice(0, 160) ?? 'done'}` : `${message.command} refused: ${message.error}`;
      break;
    default:
      break;
  }
});
document.getElementById('frame-fly').addEventListener('click', () => send('flyTo', 139.69, 35.69, 8));
document.getElementById('frame-select').addEventListener('click', () => {
  const newest = lastPins.at(-1);
  if (newest) send('selectPin', newest.id); else note('frame: no pins yet');
});
document.getElementById('frame-room').addEventListener('click', () => send('getRoom'));
