package io.switchboard.reporting.dataapi.graphql;

/**
 * The GraphiQL page. Its scripts come from a public CDN (the service bundles no front-end assets); the page
 * itself sends nothing until the user enters {@code Authorization} in GraphiQL's headers editor.
 */
final class GraphiqlPage {
    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Switchboard Platform Data API</title>
              <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
              <link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css">
              <script crossorigin src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"></script>
              <script crossorigin src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"></script>
              <script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"></script>
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
