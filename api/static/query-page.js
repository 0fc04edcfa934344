// The query page: YASGUI pointed at this server's /sparql, one tab per named query.
// Tabs are not persisted in localStorage, so a visitor always sees the current named queries.
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("named-queries").textContent);
  var setup = JSON.parse(document.getElementById("query-page-setup").textContent);
  var prefixes = setup.prefixes; // what the endpoint predeclares: {name: namespace}
  var base = setup.base; // https://w3id.org/channel-kg/: this server answers for it
  var endpoint = new URL("/sparql", window.location.href).href;
  var request = { endpoint: endpoint, method: "POST" };
  var LINKABLE = /^(?:https?|ftp|mailto|urn|tag):/i; // as api/render.py: never javascript: or data:

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // prefix:local with the longest namespace that holds the IRI (person:priti-patel, not
  // id:person/priti-patel); the query's own PREFIX lines count too.
  function compact(iri, known) {
    var best = null;
    Object.keys(known).forEach(function (name) {
      var ns = known[name];
      if (ns && iri.indexOf(ns) === 0 && iri.length > ns.length && (best === null || ns.length > known[best].length)) {
        best = name;
      }
    });
    return best === null ? null : best + ":" + iri.slice(known[best].length);
  }

  // Our IRIs open this server's own pages: the w3id.org redirects are not set up.
  function hrefOf(iri) {
    if (iri.indexOf(base) === 0) return "/" + iri.slice(base.length);
    return LINKABLE.test(iri) ? iri : "#";
  }

  // YASR's table, set up for people: IRIs compacted with the predeclared prefixes and linked to
  // this server, typed literals shown as their values (the datatype in the tooltip), language
  // tags kept small. Cells wrap instead of being cut with an ellipsis (style.css).
  var Table = Yasgui.Yasr.plugins.table;
  class ResultTable extends Table {
    getUriLinkFromBinding(binding, queryPrefixes) {
      var known = Object.assign({}, prefixes, queryPrefixes || {});
      var shown = compact(binding.value, known);
      var link = "<a class='iri' target='_blank' rel='noopener noreferrer' href='" + escapeHtml(hrefOf(binding.value)) +
        "' title='" + escapeHtml(binding.value) + "'>" + escapeHtml(shown || binding.value) + "</a>";
      return shown ? link : "&lt;" + link + "&gt;";
    }
    formatLiteral(binding, queryPrefixes) {
      var value = escapeHtml(binding.value);
      if (binding["xml:lang"]) return value + "<sup class='lang'>@" + escapeHtml(binding["xml:lang"]) + "</sup>";
      if (binding.datatype) {
        var type = compact(binding.datatype, Object.assign({}, prefixes, queryPrefixes || {})) || binding.datatype;
        return "<span class='typed' title='" + escapeHtml(type) + "'>" + value + "</span>";
      }
      return value;
    }
  }
  Yasgui.Yasr.registerPlugin("table", ResultTable);
  // The table's own switches start off: no ellipsis ("Ellipse"), datatypes not spelled out.
  Yasgui.Yasr.defaults.plugins.table.dynamicConfig = { isEllipsed: false, compact: false };

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: request,
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // The machine may be offline: no prefix.cc or LOV look-ups, only what ships with YASQE.
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: null, persistenceId: null },
    yasr: { prefixes: prefixes },
  });

  function tabDefaults() {
    var tab = Yasgui.Tab.getDefaults(yasgui);
    tab.requestConfig = Object.assign({}, tab.requestConfig, request);
    return tab;
  }

  queries.forEach(function (q, i) {
    var tab = tabDefaults();
    tab.name = q.title;
    tab.yasqe = { value: q.query };
    yasgui.addTab(i === 0, tab);
  });
  if (!queries.length) {
    yasgui.addTab(true, tabDefaults());
  }
  window.channelKgYasgui = yasgui;
})();
