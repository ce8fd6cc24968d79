package io.switchboard.reporting.api;

import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.web.PublicUris;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * A list response as docs/api/manager.md#paging describes it: the bare JSON array, the {@code total} and
 * {@code per-page} headers and an RFC 5988 {@code Link} header with first/prev/next/last, whose URLs
 * are the public ones ({@link PublicUris}: clients behind TLS termination follow only https links).
 */
final class Paged {
    private Paged() {
    }

    static <T> RestResponse<List<T>> of(Page<T> page, ListParams params, UriInfo uri, PublicUris publicUris) {
        String links;
        if (page.nextCursor() != null) {
            // Tailing: the next link always exists (poll it); it starts after the last row returned.
            links = "<" + publicUris.of(uri, uri.getRequestUriBuilder().replaceQueryParam("page")
                    .replaceQueryParam("cursor", page.nextCursor()).build()) + ">; rel=\"next\"";
        } else {
            long lastPage = Math.max(1, (page.total() + params.per - 1) / params.per);
            List<String> rels = new ArrayList<>();
            rels.add(link(uri, publicUris, 1, "first"));
            if (params.page > 1) {
                rels.add(link(uri, publicUris, Math.min(params.page - 1, lastPage), "prev"));
            }
            if ((long) params.page * params.per < page.total()) {
                rels.add(link(uri, publicUris, params.page + 1, "next"));
            }
            rels.add(link(uri, publicUris, lastPage, "last"));
            links = String.join(", ", rels);
        }
        return RestResponse.ResponseBuilder.ok(page.rows())
                .header("total", page.total())
                .header("per-page", params.per)
                .header("Link", links)
                .build();
    }

    private static String link(UriInfo uri, PublicUris publicUris, long page, String rel) {
        return "<" + publicUris.of(uri, uri.getRequestUriBuilder().replaceQueryParam("page", page).build())
                + ">; rel=\"" + rel + "\"";
    }
}
