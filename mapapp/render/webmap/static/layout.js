/* Where things go on the web map's screen, in pixels, apart from Leaflet's layers (map.js places
 * them): which point markers touch, where a crowd of them is spread on a ring, which spot beside
 * a marker its label takes, and where along the map's edge an off-map badge sits. Each works on
 * plain points and boxes ({x, y, w, h}), so the rules can be read in one place.
 * Usage: window.mapappLayout (loaded before map.js).
 */
(function () {
  "use strict";
  if (window.mapappLayout) { return; }

  function boxesOverlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }

  function touchingGroups(items, gap) {
    // Items ({p: L.Point, r}) whose circles come closer than ``gap``, by union-find over a grid
    // of cells as large as the largest circle.
    var parent = items.map(function (_, i) { return i; });
    function find(i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
    var cell = 2 * Math.max.apply(null, items.map(function (it) { return it.r; })) + gap, grid = {};
    items.forEach(function (it, i) {
      var cx = Math.floor(it.p.x / cell), cy = Math.floor(it.p.y / cell);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          (grid[(cx + dx) + ":" + (cy + dy)] || []).forEach(function (j) {
            if (items[j].p.distanceTo(it.p) < items[j].r + it.r + gap) { parent[find(j)] = find(i); }
          });
        }
      }
      (grid[cx + ":" + cy] = grid[cx + ":" + cy] || []).push(i);
    });
    var groups = {};
    items.forEach(function (it, i) { (groups[find(i)] = groups[find(i)] || []).push(it); });
    return Object.keys(groups).map(function (k) { return groups[k]; });
  }

  function ring(group, gap) {
    // A crowd of touching items ({p, r, rank}) spread on a ring around their centre, each on the
    // side it lies on (the higher rank first where two share a side), ``gap`` apart: returns
    // [item, point] pairs.
    var c = group.reduce(function (s, it) { return s.add(it.p); }, L.point(0, 0)).divideBy(group.length);
    var sorted = group.slice().sort(function (a, b) {
      return Math.atan2(a.p.y - c.y, a.p.x - c.x) - Math.atan2(b.p.y - c.y, b.p.x - c.x) || b.rank - a.rank;
    });
    var total = sorted.reduce(function (s, it) { return s + 2 * it.r + gap; }, 0);
    var radius = Math.max(total / (2 * Math.PI), sorted[0].r + sorted[sorted.length - 1].r + gap);
    var start = Math.atan2(sorted[0].p.y - c.y, sorted[0].p.x - c.x) || -Math.PI / 2, run = 0;
    return sorted.map(function (it) {
      var a = start + 2 * Math.PI * (run + it.r + gap / 2) / total;
      run += 2 * it.r + gap;
      return [it, c.add(L.point(Math.cos(a) * radius, Math.sin(a) * radius))];
    });
  }

  function labelSpot(p, r, w, h, fits) {
    // The first of right, left, above and below a marker (centre ``p``, radius ``r``) where a
    // label of ``w`` by ``h`` fits (``fits(box)``), or null.
    var spots = [{x: p.x + r, y: p.y - h / 2}, {x: p.x - r - w, y: p.y - h / 2},
                 {x: p.x - w / 2, y: p.y - r - h}, {x: p.x - w / 2, y: p.y + r}];
    return spots.map(function (s) { return {x: s.x, y: s.y, w: w, h: h}; }).filter(fits)[0] || null;
  }

  function edgeSpot(x, y, w, h, size, blocked, edge) {
    // Slide a badge along its edge of the map (``size``, ``edge`` pixels in), nearest first, to
    // where it covers none of the ``blocked`` boxes; where it stood if there is no such spot.
    var alongY = x <= edge || x >= size.x - w - edge, step = alongY ? h + 2 : w + 2;
    for (var k = 0; k < 40; k++) {
      var off = (k % 2 ? 1 : -1) * Math.ceil(k / 2) * step;
      var b = alongY ? {x: x, y: y + off, w: w, h: h} : {x: x + off, y: y, w: w, h: h};
      var inMap = b.x >= edge && b.y >= edge && b.x + w <= size.x - edge && b.y + h <= size.y - edge;
      if (inMap && !blocked.some(function (o) { return boxesOverlap(b, o); })) { return b; }
    }
    return {x: x, y: y, w: w, h: h};
  }

  window.mapappLayout = {boxesOverlap: boxesOverlap, touchingGroups: touchingGroups, ring: ring,
                         labelSpot: labelSpot, edgeSpot: edgeSpot};
})();
