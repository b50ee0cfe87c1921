/* Starts GraphiQL against the page's own URL (development only; see graphql/graphiql.html). */
(function () {
  "use strict";
  var url = window.location.href.split("?")[0];
  var fetcher = GraphiQL.createFetcher({ url: url });
  var example = "# API publique du guichet (lecture seule). Exemple :\n{\n  siteSettings { deskName territoryName }\n  communes(filter: {withOpportunities: true}, pagination: {limit: 5}) {\n    totalCount\n    results { name inseeCode listingCount }\n  }\n}\n";
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: example })
  );
})();
