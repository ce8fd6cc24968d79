import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the Switchboard topics if absent (args: bootstrap partitions replication topic...), with
 * the retention the projections need: events are kept forever so any read model can be rebuilt from
 * offset 0. Debezium's topic-creation settings in deploy/debezium say the same, for when it is first.
 * Run as a single-file program on the broker's classpath.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        int partitions = Integer.parseInt(args[1]);
        short replication = Short.parseShort(args[2]);
        List<NewTopic> topics = Arrays.stream(args, 3, args.length)
                .map(name -> new NewTopic(name, partitions, replication)
                        .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete")))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
