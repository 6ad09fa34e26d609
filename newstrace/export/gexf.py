"""The outlet network as GEXF 1.3, for Gephi: outlets as nodes, republication as weighted edges."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

from newstrace.reuse.network import network_nodes
from newstrace.store.network import stored_edges, stored_outlets

GEXF_NAMESPACE = "http://gexf.net/1.3"
_NODE_ATTRIBUTES = (("0", "domain", "string"), ("1", "articles", "integer"))
_EDGE_ATTRIBUTES = (
    ("0", "copies", "integer"),
    ("1", "verbatim_share", "double"),
    ("2", "median_lag_hours", "double"),
    ("3", "attribution_rate", "double"),
)


def _attribute_block(
    parent: ET.Element, kind: str, attributes: tuple[tuple[str, str, str], ...]
) -> None:
    block = ET.SubElement(parent, "attributes", {"class": kind})
    for key, title, type_ in attributes:
        ET.SubElement(block, "attribute", {"id": key, "title": title, "type": type_})


def _values(
    parent: ET.Element, attributes: tuple[tuple[str, str, str], ...], data: dict[str, object]
) -> None:
    values = ET.SubElement(parent, "attvalues")
    for key, title, _ in attributes:
        if data.get(title) is not None:
            ET.SubElement(values, "attvalue", {"for": key, "value": str(data[title])})


def network_gexf(conn: sqlite3.Connection) -> str:
    """The stored outlet network as a GEXF 1.3 document (nodes: outlets; edges: copies)."""
    edge_rows = [edge.to_json() for edge in stored_edges(conn)]
    outlets = [node.to_json() for node in network_nodes(stored_outlets(conn), stored_edges(conn))]
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "newstrace"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    _attribute_block(graph, "node", _NODE_ATTRIBUTES)
    _attribute_block(graph, "edge", _EDGE_ATTRIBUTES)
    ids = {outlet["name"]: str(index) for index, outlet in enumerate(outlets)}
    nodes = ET.SubElement(graph, "nodes")
    for outlet in outlets:
        node = ET.SubElement(nodes, "node", {"id": ids[outlet["name"]], "label": outlet["name"]})
        _values(node, _NODE_ATTRIBUTES, outlet)
    edges = ET.SubElement(graph, "edges")
    for index, edge in enumerate(edge_rows):
        attributes = {
            "id": str(index),
            "source": ids[edge["source"]],
            "target": ids[edge["target"]],
        }
        element = ET.SubElement(edges, "edge", {**attributes, "weight": str(edge["copies"])})
        _values(element, _EDGE_ATTRIBUTES, edge)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
