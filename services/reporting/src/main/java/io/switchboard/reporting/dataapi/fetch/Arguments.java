package io.switchboard.reporting.dataapi.fetch;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * What every domain's data fetchers do with their arguments and their JDBC reads, once: bounded text, positive ids
 * (a refused one is an {@link ArgumentProblem} naming it), and a read that fails is a {@link DataAccessFailure}.
 */
public final class Arguments {
    private static final Pattern POSITIVE_ID = Pattern.compile("[1-9][0-9]{0,17}");

    private Arguments() {
    }

    /** A fetcher's JDBC read. */
    @FunctionalInterface
    public interface Fetch {
        Object get(DataFetchingEnvironment env) throws SQLException;
    }

    /** JDBC fetchers run on the request's worker thread (the endpoints are blocking). */
    public static DataFetcher<Object> blocking(Fetch fetch) {
        return env -> {
            try {
                return fetch.get(env);
            } catch (SQLException e) {
                throw new DataAccessFailure(e);
            }
        };
    }

    /** The text argument, null if absent; 1 to {@code max} characters. */
    public static String bounded(DataFetchingEnvironment env, String name, int max) {
        String value = env.getArgument(name);
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw new ArgumentProblem(name, "must be 1 to " + max + " characters");
        }
        return value;
    }

    /** The id argument, null if absent; a positive integer of at most 18 digits. */
    public static Long optionalId(DataFetchingEnvironment env, String name) {
        String value = env.getArgument(name);
        if (value == null) {
            return null;
        }
        if (!POSITIVE_ID.matcher(value).matches()) {
            throw new ArgumentProblem(name, "must be a positive integer id of at most 18 digits");
        }
        return Long.valueOf(value);
    }

    public static long requiredId(DataFetchingEnvironment env, String name) {
        Long id = optionalId(env, name);
        if (id == null) {
            throw new ArgumentProblem(name, "is required");
        }
        return id;
    }
}
