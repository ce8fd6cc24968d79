package io.switchboard.reporting.dataapi.graphql;

/**
 * The GraphiQL page. Its scripts and styles are served by this service from the mvnpm jars of the build
 * (GraphiQL's and React's UMD bundles under {@code /_static/}), so the page works without internet access and
 * loads nothing from elsewhere; it sends nothing until the user enters {@code Authorization} in GraphiQL's
 * headers editor.
 */
final class GraphiqlPage {
    /** The assets the page loads, relative to {@code /graphql/ui}; the versions are the pom's. */
    static final java.util.List<String> ASSETS = java.util.List.of(
            "../_static/graphiql/3.2.0/graphiql.min.css",
            "../_static/react/18.3.1/umd/react.production.min.js",
            "../_static/react-dom/18.3.1/umd/react-dom.production.min.js",
            "../_static/graphiql/3.2.0/graphiql.min.js");

    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Switchboard Platform Data API</title>
              <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
              <link rel="stylesheet" href="../_static/graphiql/3.2.0/graphiql.min.css">
              <script src="../_static/react/18.3.1/umd/react.production.min.js"></script>
              <script src="../_static/react-dom/18.3.1/umd/react-dom.production.min.js"></script>
              <script src="../_static/graphiql/3.2.0/graphiql.min.js"></script>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script>
                const url = new URL('../../graphql', window.location.href).toString();
                const fetcher = GraphiQL.createFetcher({ url });
                ReactDOM.createRoot(document.getElementById('graphiql')).render(
                  React.createElement(GraphiQL, {
                    fetcher,
                    defaultHeaders: '{\\n  "Authorization": "Bearer <token>"\\n}',
                    defaultQuery: 'query {\\n  getConversationsByAgent(agentId: "101", first: 10) {\\n    edges { node { conversationId channel status createdAt } }\\n    pageInfo { hasNextPage endCursor }\\n  }\\n}\\n'
                  }));
              </script>
            </body>
            </html>
            """;

    private GraphiqlPage() {
    }
}
