// The outlet network: fetches nodes and edges as JSON and draws them with cytoscape, coloured by
// an outlet attribute. Every outlet name goes through textContent or cytoscape's canvas labels,
// never innerHTML. Large graphs get a linear-time layout and straight edges so they stay
// interactive; the edge table shows a page of rows at a time.
(function () {
  "use strict";
  const container = document.getElementById("graph");
  if (!container) return;
  const info = document.getElementById("edge-info");
  const table = document.querySelector("#edge-table tbody");
  const pager = document.getElementById("edge-pager");
  const legend = document.getElementById("graph-legend");
  const TABLE_ROWS = 100;
  const LARGE_NODES = 300;  // beyond: concentric layout by copies instead of a force layout
  const PALETTE = ["#a4262c", "#1f5fbf", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f", "#5d4037", "#c2185b"];
  const OTHER = "#8a93a3";

  function percent(value) { return Math.round(value * 100) + "%"; }
  function lag(hours) { return hours === null || hours === undefined ? "—" : hours.toFixed(1) + " h"; }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function showPage(edges, page) {
    const pages = Math.max(1, Math.ceil(edges.length / TABLE_ROWS));
    page = Math.min(Math.max(1, page), pages);
    table.replaceChildren();
    for (const edge of edges.slice((page - 1) * TABLE_ROWS, page * TABLE_ROWS)) {
      const row = document.createElement("tr");
      row.className = "edge-row";
      cell(row, edge.source); cell(row, edge.target); cell(row, String(edge.copies));
      cell(row, lag(edge.median_lag_hours)); cell(row, percent(edge.verbatim_share));
      cell(row, percent(edge.attribution_rate));
      table.appendChild(row);
    }
    pager.hidden = pages < 2;
    pager.dataset.page = String(page);
    pager.querySelector(".current").textContent = "page " + page + " of " + pages + " (" + edges.length + " edges)";
    pager.querySelector(".previous").disabled = page === 1;
    pager.querySelector(".next").disabled = page === pages;
  }

  function colours(data, key) {
    const values = {};
    if (!key) return values;
    const counts = {};
    for (const n of data.nodes) {
      const v = (n.attributes || {})[key];
      if (v) counts[v] = (counts[v] || 0) + 1;
    }
    Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b))
      .forEach((v, i) => { values[v] = PALETTE[i] || OTHER; });
    return values;
  }

  function drawLegend(data, key, values) {
    legend.replaceChildren();
    const unset = key && data.nodes.some((n) => !(n.attributes || {})[key]);
    for (const [value, colour] of Object.entries(values).concat(unset ? [["(none)", OTHER]] : [])) {
      const item = document.createElement("span");
      item.className = "legend-item";
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colour;
      item.append(swatch, key + ": " + value);
      legend.appendChild(item);
    }
  }

  function elements(data, key, values) {
    const most = Math.max(1, ...data.edges.map((e) => e.copies));
    const nodes = data.nodes.map((n) => ({
      data: {
        id: "n:" + n.name, name: n.name, size: 14 + 4 * Math.sqrt(n.copied + n.copying),
        weight: n.copied + n.copying,
        colour: key ? (values[(n.attributes || {})[key]] || OTHER) : "#1f5fbf",
      },
    }));
    const edges = data.edges.map((e, i) => ({
      data: {
        id: "e" + i, source: "n:" + e.source, target: "n:" + e.target, copies: e.copies,
        width: 1 + (most > 1 ? 8 * (e.copies - 1) / (most - 1) : 1.5),
        lag: e.median_lag_hours, verbatim: e.verbatim_share, attribution: e.attribution_rate,
      },
    }));
    return nodes.concat(edges);
  }

  function style(large) {
    return [
      { selector: "node", style: { label: "data(name)", width: "data(size)", height: "data(size)", "background-color": "data(colour)", "font-size": 11, color: "#1d2430", "text-valign": "bottom", "text-margin-y": 4, "min-zoomed-font-size": large ? 9 : 0 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "#8aa4c8", "target-arrow-color": "#8aa4c8", "target-arrow-shape": large ? "none" : "triangle", "curve-style": large ? "haystack" : "bezier", "arrow-scale": 1.1, opacity: large ? 0.5 : 1 } },
      { selector: "edge.hover", style: { "line-color": "#a4262c", "target-arrow-color": "#a4262c", opacity: 1 } },
    ];
  }

  function showInfo(event) {
    const d = event.target.data();
    const source = event.target.source().data("name");
    const target = event.target.target().data("name");
    info.textContent = source + " → " + target + ": " + d.copies + " copies · median lag " + lag(d.lag) +
      " · verbatim " + percent(d.verbatim) + " · with attribution " + percent(d.attribution);
    const position = event.renderedPosition || { x: 0, y: 0 };
    const box = container.getBoundingClientRect();
    info.style.left = (box.left + position.x + 12) + "px";
    info.style.top = (box.top + position.y + 12) + "px";
    info.hidden = false;
    event.target.addClass("hover");
  }

  function layout(count) {
    if (count > LARGE_NODES) {
      return { name: "concentric", animate: false, padding: 20, concentric: (n) => n.data("weight"), levelWidth: () => 4, minNodeSpacing: 2 };
    }
    return { name: count > 30 ? "cose" : "circle", animate: false, padding: 40 };
  }

  function draw(data) {
    container.dataset.nodes = String(data.nodes.length);
    container.dataset.edges = String(data.edges.length);
    showPage(data.edges, 1);
    pager.querySelector(".previous").addEventListener("click", () => showPage(data.edges, Number(pager.dataset.page) - 1));
    pager.querySelector(".next").addEventListener("click", () => showPage(data.edges, Number(pager.dataset.page) + 1));
    const key = container.dataset.colour;
    const values = colours(data, key);
    drawLegend(data, key, values);
    const large = data.nodes.length > LARGE_NODES;
    const cy = cytoscape({
      container: container, elements: elements(data, key, values), style: style(large),
      layout: layout(data.nodes.length), textureOnViewport: large, hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : "auto",
    });
    cy.on("mouseover", "edge", showInfo);
    cy.on("mouseout", "edge", (event) => { info.hidden = true; event.target.removeClass("hover"); });
    cy.on("tap", "node", (event) => {
      window.location.href = container.dataset.outletUrl + encodeURIComponent(event.target.data("name"));
    });
    window.newstraceGraph = cy;
    container.dataset.ready = "true";
  }

  fetch(container.dataset.source + window.location.search, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then(draw)
    .catch((error) => { container.textContent = "Could not load the network: " + error; });
})();
