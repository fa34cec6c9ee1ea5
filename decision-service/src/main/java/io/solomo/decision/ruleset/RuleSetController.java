package io.solomo.decision.ruleset;

import io.solomo.decision.ruleset.RuleSetViews.Activation;
import io.solomo.decision.ruleset.RuleSetViews.RollbackRequest;
import io.solomo.decision.ruleset.RuleSetViews.RuleSetDetail;
import io.solomo.decision.ruleset.RuleSetViews.RuleSetSummary;
import io.solomo.decision.ruleset.RuleSetViews.UploadReport;
import io.solomo.decision.ruleset.RuleSetViews.VersionDetail;
import io.solomo.decision.web.InvalidFieldException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule set API: upload versions, activate them, roll back, and read history, files, DRL and diffs. */
@RestController
@RequestMapping("/api/v1/rulesets")
class RuleSetController {

    private final RuleSetVersions versions;

    RuleSetController(RuleSetVersions versions) {
        this.versions = versions;
    }

    @PostMapping(path = "/{rulesetId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadReport> upload(@PathVariable String rulesetId, MultipartHttpServletRequest request,
                                        Principal user) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (List<MultipartFile> parts : request.getMultiFileMap().values()) {
            for (MultipartFile part : parts) {
                String path = part.getOriginalFilename() == null || part.getOriginalFilename().isBlank()
                        ? part.getName() : part.getOriginalFilename();
                if (files.containsKey(path)) {
                    throw new InvalidFieldException("file", path, "the file " + path + " is uploaded twice; send "
                            + "each file once", "Le fichier " + path + " est envoyé deux fois ; envoyez chaque "
                            + "fichier une seule fois.");
                }
                files.put(path, bytes(part));
            }
        }
        if (files.isEmpty()) {
            throw new InvalidFieldException("file", null, "no file uploaded; send one multipart part per rule file, "
                    + "decision table or scenario file", "Aucun fichier envoyé ; envoyez une partie multipart par "
                    + "fichier de règles, table de décision ou fichier de scénarios.");
        }
        UploadReport report = versions.upload(rulesetId, files, user.getName());
        URI location = URI.create("/api/v1/rulesets/" + rulesetId + "/versions/" + report.version());
        return ResponseEntity.created(location).body(report);
    }

    @PostMapping("/{rulesetId}/versions/{version}/activate")
    Activation activate(@PathVariable String rulesetId, @PathVariable int version, Principal user) {
        return versions.activate(rulesetId, version, user.getName());
    }

    @PostMapping("/{rulesetId}/rollback")
    Activation rollback(@PathVariable String rulesetId, @RequestBody(required = false) RollbackRequest request,
                        Principal user) {
        return versions.rollback(rulesetId, request == null ? null : request.version(), user.getName());
    }

    @GetMapping
    List<RuleSetSummary> list() {
        return versions.list();
    }

    @GetMapping("/{rulesetId}")
    RuleSetDetail detail(@PathVariable String rulesetId) {
        return versions.detail(rulesetId);
    }

    @GetMapping("/{rulesetId}/versions/{version}")
    VersionDetail version(@PathVariable String rulesetId, @PathVariable int version) {
        return versions.version(rulesetId, version);
    }

    @GetMapping("/{rulesetId}/versions/{version}/files/{*path}")
    ResponseEntity<byte[]> file(@PathVariable String rulesetId, @PathVariable int version, @PathVariable String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        byte[] content = versions.file(rulesetId, version, relative);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(content);
    }

    /** Returns the DRL of each rule file of the version by path: generated for tables, as written for DRL files. */
    @GetMapping("/{rulesetId}/versions/{version}/drl")
    Map<String, String> drl(@PathVariable String rulesetId, @PathVariable int version) {
        return versions.ruleText(rulesetId, version);
    }

    /** Returns a unified diff of the DRL from version {@code from} (default: the one before) to this version. */
    @GetMapping(path = "/{rulesetId}/versions/{version}/diff", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> diff(@PathVariable String rulesetId, @PathVariable int version,
                                @RequestParam(required = false) Integer from) {
        int base = from != null ? from : version - 1;
        return ResponseEntity.status(HttpStatus.OK).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(versions.diff(rulesetId, base, version));
    }

    private static byte[] bytes(MultipartFile part) {
        try {
            return part.getBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the uploaded part " + part.getName(), unreadable);
        }
    }
}
