package io.switchboard.reporting.dataapi.jobs;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;

import java.util.List;
import java.util.Optional;

/**
 * What a job's document must say so that it can be run page after page: its one root field takes
 * {@code after: $after} (the job sets it), and selects {@code totalCount} (for progress),
 * {@code pageInfo { hasNextPage endCursor }} and {@code edges { node { … } } } (the rows), without aliases.
 * Plain Java over graphql-java's document.
 */
public final class JobQuery {
    private JobQuery() {
    }

    /** Why the document cannot be a job, or empty if it can. */
    public static Optional<String> refusal(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> operationName == null || operationName.equals(o.getName())).toList();
        if (operations.size() != 1) {
            return Optional.of("the document must have one operation (or name it with operation_name)");
        }
        List<Field> roots = fields(operations.get(0).getSelectionSet());
        if (roots.size() != 1) {
            return Optional.of("the operation must select its one root field directly");
        }
        Field root = roots.get(0);
        Argument after = root.getArguments().stream().filter(a -> a.getName().equals("after")).findFirst().orElse(null);
        if (after == null || !(after.getValue() instanceof VariableReference ref) || !ref.getName().equals("after")) {
            return Optional.of(root.getName() + " must take after: $after (declare ($after: String)); the job sets it page by page");
        }
        Field pageInfo = field(root.getSelectionSet(), "pageInfo");
        if (field(root.getSelectionSet(), "totalCount") == null || pageInfo == null
                || field(pageInfo.getSelectionSet(), "hasNextPage") == null
                || field(pageInfo.getSelectionSet(), "endCursor") == null) {
            return Optional.of(root.getName() + " must select totalCount and pageInfo { hasNextPage endCursor }, without aliases");
        }
        Field edges = field(root.getSelectionSet(), "edges");
        if (edges == null || field(edges.getSelectionSet(), "node") == null) {
            return Optional.of(root.getName() + " must select edges { node { ... } }, without aliases: the nodes are the job's rows");
        }
        return Optional.empty();
    }

    private static Field field(SelectionSet set, String name) {
        return fields(set).stream().filter(f -> f.getName().equals(name) && f.getAlias() == null).findFirst().orElse(null);
    }

    private static List<Field> fields(SelectionSet set) {
        if (set == null) {
            return List.of();
        }
        return set.getSelections().stream().filter(Field.class::isInstance).map(s -> (Field) s).toList();
    }
}
