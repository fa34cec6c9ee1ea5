package io.solomo.decision.kie;

import io.solomo.decision.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

    /** Records a created container and returns the record's revision. */
    String created(String containerId, KieReleaseId releaseId, String alias, Instant createdAt) {
        return created(containerId, releaseId, alias, createdAt, null);
    }

    /**
     * Records a created container and returns the record's revision. When {@code failedRevision} is not null, the
     * record of that revision, which failed to build on this node, is replaced.
     *
     * @throws DuplicateKeyException when another record of that id exists, such as a container created through
     *                               another node since this node last read the records
     */
    @Transactional
    String created(String containerId, KieReleaseId releaseId, String alias, Instant createdAt,
                   String failedRevision) {
        String revision = UUID.randomUUID().toString();
        if (failedRevision != null) {
            jdbc.update("delete from kie_container where container_id = ? and revision = ?", containerId,
                    failedRevision);
        }
        jdbc.update("insert into kie_container (container_id, group_id, artifact_id, version, alias, created_at, "
                        + "revision) values (?, ?, ?, ?, ?, ?, ?)", containerId, releaseId.groupId(),
                releaseId.artifactId(), releaseId.version(), alias, Timestamp.from(createdAt), revision);
        return revision;
    }

    /**
     * Records a new release id, or a reload of the same one, under a new revision, which the other nodes follow.
     * Returns that revision.
     *
     * @throws NotFoundException when the container is not recorded, because another node disposed of it
     */
    String releaseIdUpdated(String containerId, KieReleaseId releaseId) {
        String revision = UUID.randomUUID().toString();
        int updated = jdbc.update("update kie_container set group_id = ?, artifact_id = ?, version = ?, revision = ? "
                        + "where container_id = ?", releaseId.groupId(), releaseId.artifactId(), releaseId.version(),
                revision, containerId);
        if (updated == 0) {
            throw new NotFoundException("KIE container", "containerId", containerId);
        }
        return revision;
    }

    /** Removes the container's record. Returns false when there was none. */
    boolean disposed(String containerId) {
        return jdbc.update("delete from kie_container where container_id = ?", containerId) > 0;
    }

    /** Returns every recorded container, oldest first. */
    List<Recorded> all() {
        return jdbc.query("select container_id, group_id, artifact_id, version, alias, revision from kie_container "
                        + "order by created_at, container_id",
                (row, index) -> new Recorded(row.getString("container_id"), new KieReleaseId(row.getString("group_id"),
                        row.getString("artifact_id"), row.getString("version")), row.getString("alias"),
                        row.getString("revision")));
    }

    /** A recorded container; {@code revision} changes at each create and release id update. */
    record Recorded(String containerId, KieReleaseId releaseId, String alias, String revision) {
    }
}
