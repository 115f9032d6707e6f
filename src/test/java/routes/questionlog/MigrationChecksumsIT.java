package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import routes.testing.TestDatabase;

/**
 * A migration that databases have applied never changes: at start Flyway compares each applied migration's checksum
 * with its file's, and refuses to migrate (so the question log stays DOWN) on any difference. The numbers below are
 * the checksums of the files as released, which every question log database that ran them holds in its
 * flyway_schema_history; a new migration is added here once it is released.
 */
class MigrationChecksumsIT {

    @Test
    void theReleasedMigrationsKeepTheChecksumsTheirDatabasesHold() {
        String url = TestDatabase.freshSchema("checksums");
        try {
            Flyway flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load();
            Map<String, Integer> checksums = Arrays.stream(flyway.info().all())
                    .collect(Collectors.toMap(m -> m.getVersion().getVersion(), MigrationInfo::getChecksum));
            assertThat(checksums).containsEntry("1", -1448086793).containsEntry("2", 1170898953)
                    .containsEntry("3", 868312745);
        } finally {
            TestDatabase.drop(url);
        }
    }
}
