// The outlet network: fetches nodes and edges as JSON and draws them with cytoscape.
// Every outlet name goes through textContent or cytoscape's canvas labels, never innerHTML.
(function () {
  "use strict";
  const container = document.getElementById("graph");
  if (!container) return;
  const info = document.getElementById("edge-info");
  const table = document.querySelector("#edge-table tbody");

  function percent(value) { return Math.round(value * 100) + "%"; }
  function lag(hours) { return hours === null || hours === undefined ? "—" : hours.toFixed(1) + " h"; }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function fillTable(edges) {
    table.replaceChildren();
    for (const edge of edges) {
      const row = document.createElement("tr");
      row.className = "edge-row";
      cell(row, edge.source); cell(row, edge.target); cell(row, String(edge.copies));
      cell(row, lag(edge.median_lag_hours)); cell(row, percent(edge.verbatim_share));
      cell(row, percent(edge.attribution_rate));
      table.appendChild(row);
    }
  }

  function elements(data) {
    const most = Math.max(1, ...data.edges.map((e) => e.copies));
    const nodes = data.nodes.map((n) => ({ data: { id: "n:" + n.name, name: n.name, size: 20 + 4 * Math.sqrt(n.copied + n.copying) } }));
    const edges = data.edges.map((e, i) => ({
      data: {
        id: "e" + i, source: "n:" + e.source, target: "n:" + e.target, copies: e.copies,
        width: 1.5 + (most > 1 ? 10 * (e.copies - 1) / (most - 1) : 2),
        lag: e.median_lag_hours, verbatim: e.verbatim_share, attribution: e.attribution_rate,
      },
    }));
    return nodes.concat(edges);
  }

  const style = [
    { selector: "node", style: { label: "data(name)", width: "data(size)", height: "data(size)", "background-color": "#1f5fbf", "font-size": 11, color: "#1d2430", "text-valign": "bottom", "text-margin-y": 4 } },
    { selector: "edge", style: { width: "data(width)", "line-color": "#8aa4c8", "target-arrow-color": "#8aa4c8", "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 1.1 } },
    { selector: "edge.hover", style: { "line-color": "#a4262c", "target-arrow-color": "#a4262c" } },
  ];

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

  function draw(data) {
    container.dataset.nodes = String(data.nodes.length);
    container.dataset.edges = String(data.edges.length);
    fillTable(data.edges);
    const cy = cytoscape({
      container: container, elements: elements(data), style: style,
      layout: { name: data.nodes.length > 30 ? "cose" : "circle", animate: false, padding: 40 },
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
