package io.switchboard.reporting.dataapi.fetch;

/** A query argument the API refuses (out of its bounds, malformed): a 400 naming the argument. */
public final class ArgumentProblem extends RuntimeException {
    private final String argument;

    public ArgumentProblem(String argument, String message) {
        super(message, null, false, false);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
