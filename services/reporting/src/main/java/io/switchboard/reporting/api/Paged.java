package io.switchboard.reporting.api;

import io.switchboard.reporting.store.ListQuery;
import io.switchboard.web.PublicUris;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A list response as contract §1.5 describes it: the bare JSON array, the {@code total} and
 * {@code per-page} headers and an RFC 5988 {@code Link} header with first/prev/next/last, whose URLs
 * are the public ones ({@link PublicUris}: clients behind TLS termination follow only https links).
 */
final class Paged {
    private Paged() {
    }

    static Response of(ListQuery.Page<?> page, ListParams params, UriInfo uri, PublicUris publicUris) {
        if (page.nextCursor() != null) {
            // Tailing: the next link always exists (poll it); it starts after the last row returned.
            String next = "<" + publicUris.of(uri, uri.getRequestUriBuilder().replaceQueryParam("page")
                    .replaceQueryParam("cursor", page.nextCursor()).build()) + ">; rel=\"next\"";
            return Response.ok(TimeZones.render(page.rows(), params.zone)).header("total", page.total()).header("per-page", params.per)
                    .header("Link", next).build();
        }
        long lastPage = Math.max(1, (page.total() + params.per - 1) / params.per);
        List<String> links = new ArrayList<>();
        links.add(link(uri, publicUris, 1, "first"));
        if (params.page > 1) {
            links.add(link(uri, publicUris, Math.min(params.page - 1, lastPage), "prev"));
        }
        if ((long) params.page * params.per < page.total()) {
            links.add(link(uri, publicUris, params.page + 1, "next"));
        }
        links.add(link(uri, publicUris, lastPage, "last"));
        return Response.ok(TimeZones.render(page.rows(), params.zone))
                .header("total", page.total())
                .header("per-page", params.per)
                .header("Link", String.join(", ", links))
                .build();
    }

    private static String link(UriInfo uri, PublicUris publicUris, long page, String rel) {
        return "<" + publicUris.of(uri, uri.getRequestUriBuilder().replaceQueryParam("page", page).build())
                + ">; rel=\"" + rel + "\"";
    }
}
