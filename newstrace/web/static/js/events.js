// The events map on an offline base map (Natural Earth outlines from world-atlas); the timeline
// is drawn by the server as SVG. Article text goes into the DOM through textContent only.
(function () {
  "use strict";
  const element = document.getElementById("map");
  if (!element) return;
  // Beyond this many markers one canvas draws them all: thousands of SVG paths make the page slow.
  const SVG_MARKERS_MAX = 500;

  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function popup(event, place) {
    const box = document.createElement("div");
    const head = document.createElement("strong");
    head.textContent = event.event_type + " · " + (place.name || "") + " · " + (event.date_start || "?");
    const sentence = document.createElement("p");
    sentence.className = "popup-sentence";
    sentence.appendChild(link(element.dataset.articleUrl + event.article + "#s-" + event.sentence_start, event.sentence));
    const who = document.createElement("div");
    who.textContent = "attribution: " + event.attribution.class + (event.attribution.source ? " (" + event.attribution.source + ")" : "") +
      (event.attribution.hedge ? " · hedge: " + event.attribution.hedge : "");
    box.append(head, sentence, who);
    if (event.corroborating.length) {
      const also = document.createElement("div");
      also.append("corroborated by ");
      event.corroborating.forEach((c, i) => {
        if (i) also.append(", ");
        also.appendChild(c.family_id
          ? link(element.dataset.familyUrl + c.family_id, "family " + c.family_id)
          : link(element.dataset.articleUrl + c.article_id, "article " + c.article_id));
      });
      box.appendChild(also);
    }
    return box;
  }

  function drawEvents(data) {
    const points = [];
    const count = data.events.reduce((n, e) => n + e.places.length, 0);
    const renderer = count > SVG_MARKERS_MAX ? L.canvas({ padding: 0.2 }) : undefined;
    for (const event of data.events) {
      for (const place of event.places) {
        const marker = L.circleMarker([place.lat, place.lon], {
          radius: 7, className: "event-marker", renderer: renderer,
          color: "#fff", weight: 1.5, fillColor: "#cf222e", fillOpacity: 0.75,
        });
        marker.bindPopup(popup(event, place));
        marker.bindTooltip(place.name || "");
        marker.addTo(map);
        points.push([place.lat, place.lon]);
      }
    }
    element.dataset.markers = String(points.length);
    if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 5 });
    element.dataset.ready = "true";
  }

  const outlines = fetch(element.dataset.outlines).then((r) => r.json()).then((topology) => {
    const countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, { interactive: false, style: () => ({ className: "country" }) }).addTo(map);
  });
  const events = fetch(element.dataset.source + window.location.search).then((r) => r.json());
  Promise.all([events, outlines]).then(([data]) => drawEvents(data))
    .catch((error) => { element.dataset.error = String(error); });
})();
