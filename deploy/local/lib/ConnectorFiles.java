import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;

/**
 * Prints "name<TAB>config-json" for each Connect REST API connector file given, so the launcher can
 * PUT /connectors/{name}/config (idempotent create-or-update) without a JSON tool on the machine.
 * Run as a single-file program on Connect's own classpath (which has Jackson).
 */
public class ConnectorFiles {
    public static void main(String[] files) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String file : files) {
            JsonNode connector = mapper.readTree(new File(file));
            if (!connector.hasNonNull("name") || !connector.path("config").isObject()) {
                throw new IllegalArgumentException(file + ": expected {\"name\": ..., \"config\": {...}}");
            }
            System.out.println(connector.get("name").asText() + "\t" + mapper.writeValueAsString(connector.get("config")));
        }
    }
}
