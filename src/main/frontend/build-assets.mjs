// Builds the static assets that src/main/webapp serves and that are committed, so the Maven build needs no Node:
//   ../webapp/lib/maplibre-gl/   MapLibre GL JS, the npm package's dist files unchanged, plus its licence
//   ../webapp/map/countries-110m.geojson   the offline base map, converted from world-atlas (Natural Earth 1:110m)
// Usage: npm ci && npm run build   (run in this folder; see README.md)
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const webapp = join(here, '..', 'webapp');
const require = createRequire(import.meta.url);
const packageDir = name => dirname(require.resolve(`${name}/package.json`));

// --- MapLibre GL JS -------------------------------------------------------------------------------------------
// 6.x is ES-module only. maplibre-gl.mjs starts its web workers from new URL('./maplibre-gl-worker.mjs',
// import.meta.url), so both files must sit in one folder. maplibre-gl-shared.mjs is shipped empty in 6.17.0 and
// imported by nothing: it is copied only if it has content. Source maps are left out (~16 MB, only for devtools).
const maplibre = packageDir('maplibre-gl');
const libOut = join(webapp, 'lib', 'maplibre-gl');
rmSync(libOut, { recursive: true, force: true });
mkdirSync(libOut, { recursive: true });
const dist = ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl.css'];
for (const file of dist) {
  const from = join(maplibre, 'dist', file);
  if (!existsSync(from)) {
    if (file === 'maplibre-gl-shared.mjs') continue;
    throw new Error(`maplibre-gl no longer ships dist/${file}: check the package before upgrading`);
  }
  if (statSync(from).size === 0) continue;
  copyFileSync(from, join(libOut, file));
}
copyFileSync(join(maplibre, 'LICENSE.txt'), join(libOut, 'LICENSE.txt'));
const maplibreVersion = JSON.parse(readFileSync(join(maplibre, 'package.json'))).version;
writeFileSync(join(libOut, 'VERSION'), `maplibre-gl ${maplibreVersion} (npm), dist files unchanged\n`);

// --- Offline base map -----------------------------------------------------------------------------------------
// Rings that cross the antimeridian (Fiji, Russia, Antarctica) are unwrapped so that no edge jumps more than
// 180 degrees of longitude (MapLibre accepts longitudes beyond +-180); a ring that then does not close on itself
// circles a pole (Antarctica) and is closed along that pole's latitude. Without this the map shows slivers and
// stripes across the whole world.
const atlas = packageDir('world-atlas');
const topo = JSON.parse(readFileSync(join(atlas, 'countries-110m.json')));
const countries = feature(topo, topo.objects.countries);
let unwrapped = 0;
let closedOverPole = false;

function unwrapRing(ring) {
  const out = [ring[0].slice()];
  let shift = 0;
  let jumped = false;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) { shift -= 360; jumped = true; } else if (step < -180) { shift += 360; jumped = true; }
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (!jumped) return ring;
  unwrapped++;
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) > 1e-9) {
    const poleLat = first[1] < 0 ? -90 : 90;
    out.push([last[0], poleLat], [first[0], poleLat], first.slice());
    closedOverPole = true;
  }
  return out;
}

// 1:110m data has ~1 km detail: 4 decimals (~11 m) lose nothing visible and keep the file small.
const round = ring => ring.map(([lng, lat]) => [Math.round(lng * 1e4) / 1e4, Math.round(lat * 1e4) / 1e4]);

// The edges added to close a ring over a pole are no coastline: a feature with such a ring is marked
// (property polar: true) so that style/line layers can leave its outline out (see ../webapp/map/style.json).
for (const f of countries.features) {
  const g = f.geometry;
  if (!g) continue;
  closedOverPole = false;
  if (g.type === 'Polygon') g.coordinates = g.coordinates.map(unwrapRing).map(round);
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map(p => p.map(unwrapRing).map(round));
  if (closedOverPole) f.properties = { ...f.properties, polar: true };
}
// Check: apart from the added edges along a pole, no edge may jump across the map.
const longest = countries.features.flatMap(f => f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates]
  : f.geometry.coordinates) : []).flat().reduce((max, ring) => {
  for (let i = 1; i < ring.length; i++) {
    const alongPole = Math.abs(ring[i][1]) === 90 && ring[i][1] === ring[i - 1][1];
    if (!alongPole) max = Math.max(max, Math.abs(ring[i][0] - ring[i - 1][0]));
  }
  return max;
}, 0);
if (longest > 180) throw new Error(`a ring still has an edge of ${longest} degrees of longitude`);

const mapOut = join(webapp, 'map');
mkdirSync(mapOut, { recursive: true });
writeFileSync(join(mapOut, 'countries-110m.geojson'), JSON.stringify(countries));
copyFileSync(join(atlas, 'LICENSE'), join(mapOut, 'LICENSE-world-atlas.txt'));

console.log(`maplibre-gl ${maplibreVersion} -> ${libOut}`);
console.log(`countries: ${countries.features.length} features, ${unwrapped} rings unwrapped -> ${mapOut}`);
