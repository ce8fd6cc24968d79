package io.switchboard.reporting.dataapi.graphql;

import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The root fields the operation a request executes selects — through fragments too — so each can be
 * authorised as its action before anything runs. Only queries exist; a mutation or subscription is refused.
 */
final class RootFields {
    private RootFields() {
    }

    /** Names (not aliases) of the operation's root fields; a problem with the operation is an {@link ArgumentProblem}. */
    static List<String> of(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation;
        if (operationName == null) {
            if (operations.size() != 1) {
                throw new ArgumentProblem("operationName", "the document has " + operations.size()
                        + " operations: name the one to run");
            }
            operation = operations.get(0);
        } else {
            operation = operations.stream().filter(o -> operationName.equals(o.getName())).findFirst()
                    .orElseThrow(() -> new ArgumentProblem("operationName", "the document has no operation of this name"));
        }
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new ArgumentProblem("query", "only queries exist in this API");
        }
        List<String> names = new ArrayList<>();
        collect(document, operation.getSelectionSet(), names, new HashSet<>());
        return names;
    }

    private static void collect(Document document, SelectionSet set, List<String> names, Set<String> visited) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                names.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                collect(document, inline.getSelectionSet(), names, visited);
            } else if (selection instanceof FragmentSpread spread && visited.add(spread.getName())) {
                document.getDefinitionsOfType(FragmentDefinition.class).stream()
                        .filter(f -> f.getName().equals(spread.getName())).findFirst()
                        .ifPresent(f -> collect(document, f.getSelectionSet(), names, visited));
            }
        }
    }
}
