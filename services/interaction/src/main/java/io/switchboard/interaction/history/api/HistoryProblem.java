package io.switchboard.interaction.history.api;

/**
 * An error of the history API that is neither a domain rejection nor bean validation: a wrong
 * {@code Tenant-Id} (403), an image that is too large (413), a photo that is not there (404).
 * It names the header, parameter or field at fault.
 */
public class HistoryProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

    HistoryProblem(int status, String title, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    static HistoryProblem forbidden(String field, String detail) {
        return new HistoryProblem(403, "Forbidden", field, detail);
    }

    /** The photo API's own wording (docs/api/interaction-history.md#get-interaction-photo): "missing or invalid parameter <parameter>". */
    static HistoryProblem invalidParameter(String parameter) {
        return new HistoryProblem(400, "Invalid request", parameter, "missing or invalid parameter " + parameter);
    }

    static HistoryProblem photoNotFound() {
        return new HistoryProblem(404, "Not found", "img_path", "photo was not found");
    }

    static HistoryProblem tooLarge(String field, String detail) {
        return new HistoryProblem(413, "Content Too Large", field, detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String field() {
        return field;
    }
}
