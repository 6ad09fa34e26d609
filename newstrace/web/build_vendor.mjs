// Copies the UI's JavaScript libraries and the Natural Earth outlines from node_modules into
// static/vendor, so the web UI serves every asset itself (no CDN, no tile server).
// Run by `npm run build` (make does it after `npm ci`).
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "..", "node_modules");
const vendor = join(here, "static", "vendor");

// [package file, name in static/vendor]
const FILES = [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/LICENSE", "leaflet.LICENSE.txt"],
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE.txt"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client.LICENSE.txt"],
  ["world-atlas/countries-50m.json", "countries-50m.json"],
  ["world-atlas/LICENSE", "world-atlas.LICENSE.txt"],
];

mkdirSync(vendor, { recursive: true });
for (const [source, target] of FILES) {
  cpSync(join(modules, source), join(vendor, target));
}
// Leaflet's stylesheet names its control images relative to itself.
cpSync(join(modules, "leaflet", "dist", "images"), join(vendor, "images"), { recursive: true });
writeFileSync(join(vendor, ".built"), FILES.map(([, target]) => target).join("\n") + "\n");
console.log(`copied ${FILES.length} files into ${vendor}`);
