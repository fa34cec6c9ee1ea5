package io.solomo.decision.offer;

import org.springframework.data.jpa.repository.JpaRepository;

/** Local templates by the id of their catalogue offer. */
public interface LocalTemplateRepository extends JpaRepository<LocalTemplate, String> {
}
