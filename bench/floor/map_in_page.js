/* bench/app_floor.py's in-page map: the app's base map and place layers drawn in the page itself
 * by a Streamlit v2 component, no frame. Leaflet and the map's scripts come from the folders the
 * app registers (render/webmap/assets.py, app/mapframe.py), which the page names in
 * ``data.folders``; a measuring instrument, not the app. */
const loading = {};

function load(url, isStyle) {
  if (!loading[url]) {
    loading[url] = new Promise((resolve, reject) => {
      const el = document.createElement(isStyle ? "link" : "script");
      if (isStyle) { el.rel = "stylesheet"; el.href = url; } else { el.src = url; el.async = false; }
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }
  return loading[url];
}

export default function ({ data, parentElement }) {
  const { leaflet, map } = data.folders;
  Promise.all([load(leaflet + "leaflet.css", true), load(map + "map.css", true), load(leaflet + "leaflet.js"),
               ...data.scripts.map((name) => load(map + name))]).then(() => {
    if (parentElement.querySelector("#" + data.mapId)) { return; }
    const div = document.createElement("div");
    div.id = data.mapId;
    div.style.height = data.height + "px";
    parentElement.appendChild(div);
    const script = document.createElement("script");
    script.textContent = data.base;
    parentElement.appendChild(script);
    window.map = window[data.mapId];
    JSON.parse(data.layers).forEach((layer) => {
      const group = L.featureGroup();
      window.mapappPlaceLayer(group, layer.spec, layer.data);
      group.addTo(window.map);
    });
  });
}
