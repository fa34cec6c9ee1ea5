package io.solomo.decision.kie;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The containers created through the API, kept in table {@code kie_container} so that the server builds them again
 * at start. The kjars stay where {@link KjarRepository} finds them: the uploaded kjars folder and the local Maven
 * repository.
 */
@Component
class KieContainerRecords {

    private final JdbcTemplate jdbc;

    KieContainerRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a created container.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a container of that id is recorded, such as one
     *                                                       created through another node at the same time
     */
    void created(String containerId, KieReleaseId releaseId, String alias, Instant createdAt) {
        jdbc.update("insert into kie_container (container_id, group_id, artifact_id, version, alias, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)", containerId, releaseId.groupId(), releaseId.artifactId(),
                releaseId.version(), alias, Timestamp.from(createdAt));
    }

    /** Records a created container in place of the record of a container of that id that failed to build. */
    @Transactional
    void replaced(String containerId, KieReleaseId releaseId, String alias, Instant createdAt) {
        jdbc.update("delete from kie_container where container_id = ?", containerId);
        created(containerId, releaseId, alias, createdAt);
    }

    /** Records the container's new release id. Returns false when no container of that id is recorded. */
    boolean releaseIdUpdated(String containerId, KieReleaseId releaseId) {
        return 1 == jdbc.update("update kie_container set group_id = ?, artifact_id = ?, version = ? where container_id = ?",
                releaseId.groupId(), releaseId.artifactId(), releaseId.version(), containerId);
    }

    void disposed(String containerId) {
        jdbc.update("delete from kie_container where container_id = ?", containerId);
    }

    /** Returns the record of the container, or empty when none has this id. */
    Optional<Recorded> find(String containerId) {
        return jdbc.query("select container_id, group_id, artifact_id, version, alias from kie_container "
                + "where container_id = ?", KieContainerRecords::recorded, containerId).stream().findFirst();
    }

    /** Returns every recorded container, oldest first. */
    List<Recorded> all() {
        return jdbc.query("select container_id, group_id, artifact_id, version, alias from kie_container "
                + "order by created_at, container_id", KieContainerRecords::recorded);
    }

    private static Recorded recorded(ResultSet row, int index) throws SQLException {
        return new Recorded(row.getString("container_id"), new KieReleaseId(row.getString("group_id"),
                row.getString("artifact_id"), row.getString("version")), row.getString("alias"));
    }

    record Recorded(String containerId, KieReleaseId releaseId, String alias) {
    }
}
