// The query page: YASGUI pointed at this server's /sparql, one tab per named query.
// Tabs are not persisted in localStorage, so a visitor always sees the current named queries.
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("named-queries").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var request = { endpoint: endpoint, method: "POST" };
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: request,
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // The machine may be offline: no prefix.cc or LOV look-ups, only what ships with YASQE.
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: null, persistenceId: null },
  });
  queries.forEach(function (q, i) {
    var tab = Yasgui.Tab.getDefaults(yasgui);
    tab.name = q.title;
    tab.yasqe = { value: q.query };
    tab.requestConfig = Object.assign({}, tab.requestConfig, request);
    yasgui.addTab(i === 0, tab);
  });
  if (!queries.length) {
    yasgui.addTab(true, Object.assign(Yasgui.Tab.getDefaults(yasgui), { requestConfig: request }));
  }
  window.channelKgYasgui = yasgui;
})();
