package io.solomo.decision.profile;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.model.Channel;
import jakarta.annotation.PreDestroy;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Imports customers from CSV as a background job. Each row goes through identity resolution like an interaction:
 * it updates the profile that has one of its identities, creates one when none does, and merges profiles that the
 * row shows to be one person. Progress and row-level errors are stored as the job runs.
 *
 * <p>The CSV has a header row; columns are read by name, in any order, from {@link ImportRow#knownColumns()}.
 * Rows are written in chunks of {@value #CHUNK_SIZE}, one transaction each, falling back to one transaction per row
 * when a chunk fails. A chunk whose rows only create profiles is written with JDBC batches by
 * {@link ImportChunkWriter}; the others go through the entities. Each transaction also stores the outcome of its
 * rows with one JDBC batch. Jobs run one at a time.
 */
@Service
class CustomerImporter {

    static final int CHUNK_SIZE = 500;
    static final String CONSENT_SOURCE = "csv-import";
    /**
     * The maximum length of a row, in bytes with its line feeds. A customer row has a few hundred, and the CSV parser
     * reads each row whole into memory.
     */
    static final int MAX_ROW_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CustomerImporter.class);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    private final CustomerImportJobs jobs;
    private final ImportChunkWriter chunkWriter;
    private final ProfileResolution resolution;
    private final CustomerIdentityRepository identities;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "customer-import");
        thread.setDaemon(true);
        return thread;
    });

    CustomerImporter(CustomerImportJobs jobs, ImportChunkWriter chunkWriter, ProfileResolution resolution,
                     CustomerIdentityRepository identities, TransactionTemplate transaction, Clock clock) {
        this.jobs = jobs;
        this.chunkWriter = chunkWriter;
        this.resolution = resolution;
        this.identities = identities;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedJobs() {
        int abandoned = jobs.failAbandoned(clock.instant());
        if (abandoned > 0) {
            log.warn("{} customer import(s) left running by the previous server marked FAILED", abandoned);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Stores the CSV in a temporary file, checks its header, counts its rows and starts the job.
     *
     * @throws InvalidFieldException when the header names an unknown column or no identity column
     */
    CustomerImportJobs.Job start(InputStream csv, String fileName, String requestedBy) throws IOException {
        Path file = Files.createTempFile("customer-import-", ".csv");
        try {
            Files.copy(csv, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            checkUtf8(file);
            Set<String> header = checkHeader(file);
            int totalRows = countRows(file);
            String jobId = UUID.randomUUID().toString();
            jobs.create(jobId, fileName, totalRows, requestedBy, clock.instant());
            log.info("Customer import {} of {} rows started by {}", jobId, totalRows, requestedBy);
            executor.submit(() -> run(jobId, file, header, requestedBy));
            return jobs.find(jobId).orElseThrow();
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(file);
            throw failed;
        }
    }

    /**
     * Rejects a file that is not UTF-8 text, naming the first line with a byte that is not, and a file with a row
     * longer than {@value #MAX_ROW_BYTES} bytes, before that row is held in memory whole.
     */
    private static void checkUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CsvRowScanner rows = new CsvRowScanner();
        // A line feed byte never occurs inside a multi-byte UTF-8 character, so each line decodes on its own.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = 1;
            int rowStart = 1;
            long rowBytes = 0;
            for (int next = in.read(); ; next = in.read()) {
                if (next >= 0 && ++rowBytes > MAX_ROW_BYTES) {
                    throw new InvalidFieldException("csv", "line " + rowStart, "the row that starts on line "
                            + rowStart + " of the CSV is longer than " + MAX_ROW_BYTES + " bytes, the maximum for a "
                            + "row; check that the file has one customer per line and that each quoted cell ends "
                            + "with a closing quote");
                }
                if (next >= 0 && rows.endsRow(next)) {
                    rowStart = number + 1;
                    rowBytes = 0;
                }
                if (next == '\n' || next < 0) {
                    try {
                        decoder.reset().decode(ByteBuffer.wrap(line.toByteArray()));
                    } catch (CharacterCodingException notUtf8) {
                        throw new InvalidFieldException("csv", "line " + number, "the CSV is not UTF-8 text: line "
                                + number + " has a byte that is not UTF-8, as in a file saved as plain CSV by Excel; "
                                + "save it as 'CSV UTF-8 (Comma delimited)' and send it again");
                    }
                    if (next < 0) {
                        return;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(next);
                }
            }
        }
    }

    /** Opens the file as UTF-8, past the byte order mark that Excel writes at the start of a "CSV UTF-8" file. */
    private static BufferedReader open(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static Set<String> checkHeader(Path file) throws IOException {
        try (Reader reader = open(file);
             CSVParser parser = FORMAT.parse(reader)) {
            List<String> names = parser.getHeaderNames();
            if (names.isEmpty()) {
                throw new InvalidFieldException("header", null, "the CSV is empty; its first line must name the "
                        + "columns, such as email,phone,displayName");
            }
            if (names.size() == 1 && names.get(0).contains(";")) {
                throw new InvalidFieldException("header", names.get(0), "the CSV is separated by semicolons, as "
                        + "Excel writes it on a French system; the import reads commas: save it as 'CSV UTF-8 "
                        + "(Comma delimited)', or replace each ; between two cells with a comma");
            }
            Set<String> known = ImportRow.knownColumns();
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new InvalidFieldException("header", name, "unknown column '" + name + "'; expected some "
                            + "of " + known);
                }
                if (!seen.add(name)) {
                    throw new InvalidFieldException("header", name, "column '" + name + "' is named twice in the "
                            + "header; keep one column of each name");
                }
            }
            if (names.stream().noneMatch(ImportRow.IDENTITY_COLUMNS::containsKey)) {
                throw new InvalidFieldException("header", String.join(",", names), "the CSV needs at least one "
                        + "identity column among " + ImportRow.IDENTITY_COLUMNS.keySet());
            }
            return new LinkedHashSet<>(names);
        } catch (IllegalArgumentException | java.io.UncheckedIOException invalid) {
            if (invalid instanceof InvalidFieldException field) {
                throw field;
            }
            throw new InvalidFieldException("header", null, "the CSV header cannot be read: " + invalid.getMessage());
        }
    }

    private static int countRows(Path file) throws IOException {
        try (Reader reader = open(file);
             CSVParser parser = FORMAT.parse(reader)) {
            int rows = 0;
            for (CSVRecord ignored : parser) {
                rows++;
            }
            return rows;
        } catch (UncheckedIOException malformed) {
            throw new InvalidFieldException("csv", null, "the CSV is malformed: " + malformed.getMessage());
        }
    }

    private void run(String jobId, Path file, Set<String> header, String requestedBy) {
        String actor = requestedBy + " (import " + jobId + ")";
        try (BufferedReader reader = open(file);
             CSVParser parser = FORMAT.parse(reader)) {
            List<CSVRecord> chunk = new ArrayList<>(CHUNK_SIZE);
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                chunk.add(record);
                if (chunk.size() == CHUNK_SIZE) {
                    importChunk(jobId, chunk, row - chunk.size() + 1, header, actor);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                importChunk(jobId, chunk, row - chunk.size() + 1, header, actor);
            }
            jobs.finish(jobId, CustomerImportJobs.Status.COMPLETED, null, clock.instant());
            CustomerImportJobs.Job job = jobs.find(jobId).orElseThrow();
            log.info("Customer import {} completed: {} rows imported, {} errors", jobId, job.rowsImported(),
                    job.errorCount());
        } catch (IOException | RuntimeException failed) {
            log.error("Customer import {} failed", jobId, failed);
            jobs.finish(jobId, CustomerImportJobs.Status.FAILED, failed.toString(), clock.instant());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                log.warn("Temporary file {} of import {} could not be deleted", file, jobId);
            }
        }
    }

    private void importChunk(String jobId, List<CSVRecord> records, int firstRow, Set<String> header,
                             String actor) {
        List<CustomerImportJobs.RowError> errors = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        for (int offset = 0; offset < records.size(); offset++) {
            int row = firstRow + offset;
            try {
                rows.add(ImportRow.read(row, records.get(offset), header));
            } catch (InvalidFieldException invalid) {
                errors.add(new CustomerImportJobs.RowError(row, invalid.field(),
                        invalid.value() == null ? null : invalid.value().toString(), invalid.getMessage()));
            } catch (IllegalArgumentException | IllegalStateException malformed) {
                errors.add(new CustomerImportJobs.RowError(row, null, null, "malformed row: "
                        + malformed.getMessage()));
            }
        }

        int imported = rows.size();
        List<CustomerImportJobs.RowError> consentsKept = new ArrayList<>();
        try {
            transaction.executeWithoutResult(status -> {
                consentsKept.clear();
                Optional<List<CustomerImportJobs.ImportedRow>> written = chunkWriter.write(rows);
                List<CustomerImportJobs.ImportedRow> outcomes = new ArrayList<>(rows.size());
                if (written.isPresent()) {
                    outcomes.addAll(written.get());
                } else {
                    // NOTE: a chunk that updates existing profiles still loads them as entities, with each one's
                    // consent history, so re-importing known customers is far slower than a first import.
                    IdentityOwners owners = ownersOf(rows);
                    for (ImportRow row : rows) {
                        outcomes.add(apply(row, jobId, actor, owners, consentsKept));
                    }
                }
                jobs.recordRows(jobId, outcomes);
            });
        } catch (RuntimeException chunkFailed) {
            log.debug("Chunk from row {} of import {} rolled back, importing its rows one by one: {}", firstRow,
                    jobId, chunkFailed.toString());
            imported = 0;
            consentsKept.clear();
            for (ImportRow row : rows) {
                List<CustomerImportJobs.RowError> rowConsentsKept = new ArrayList<>();
                try {
                    ConflictRetry.inTransaction(transaction, "import " + jobId + " row " + row.row(), () -> {
                        rowConsentsKept.clear();
                        jobs.recordRows(jobId, List.of(apply(row, jobId, actor, ownersOf(List.of(row)),
                                rowConsentsKept)));
                        return row;
                    });
                    imported++;
                    consentsKept.addAll(rowConsentsKept);
                } catch (RuntimeException failed) {
                    errors.add(new CustomerImportJobs.RowError(row.row(), null, null, failed.getMessage()));
                }
            }
        }
        errors.addAll(consentsKept);
        errors.sort(java.util.Comparator.comparingInt(CustomerImportJobs.RowError::row));
        jobs.progress(jobId, records.size(), imported, errors);
    }

    private static CustomerImportJobs.RowError keptRefusal(int row, String customerId, Channel channel,
                                                           Consent refusal) {
        String column = channel.name().toLowerCase(Locale.ROOT) + "Consent";
        return new CustomerImportJobs.RowError(row, column, ConsentStatus.GRANTED.name(), column + " GRANTED was "
                + "not applied: the " + channel + " consent of customer " + customerId + " was "
                + refusal.status().name().toLowerCase(Locale.ROOT) + " outside imports at " + refusal.recordedAt()
                + " (source " + refusal.source() + "). Grant it with POST "
                + "/api/v1/customers/" + customerId + "/consents once the person agrees again. The rest of the row "
                + "was imported.");
    }

    private IdentityOwners ownersOf(List<ImportRow> rows) {
        return IdentityOwners.load(identities,
                rows.stream().flatMap(row -> row.identities().stream()).collect(Collectors.toSet()));
    }

    /**
     * Applies a row to the profile it resolves to. A consent column that would grant a consent withdrawn or denied
     * outside imports, such as by an SMS STOP, an unsubscribe link or the app, is not applied and is added to
     * {@code consentsKept}, because a bulk import cannot show that the person agreed since. Returns the row's
     * outcome.
     */
    private CustomerImportJobs.ImportedRow apply(ImportRow row, String jobId, String actor, IdentityOwners owners,
                                                 List<CustomerImportJobs.RowError> consentsKept) {
        List<IdentityKey> matched = row.identities().stream().filter(key -> owners.ownerOf(key).isPresent())
                .toList();
        Customer customer = resolution.resolve(null, row.identities(), actor, "import-" + jobId + "-" + row.row(),
                owners);
        if (row.displayName() != null) {
            customer.rename(row.displayName());
        }
        if (row.language() != null || row.timeZone() != null) {
            customer.changeContactSettings(row.language() == null ? customer.language() : row.language(),
                    row.timeZone() == null ? customer.timeZone() : row.timeZone(), customer.quietHoursStart(),
                    customer.quietHoursEnd());
        }
        if (row.loyaltyTier() != null) {
            customer.raiseTierTo(row.loyaltyTier());
        }
        if (row.channels() != null) {
            customer.preferChannels(row.channels());
        }
        for (Map.Entry<Channel, ConsentStatus> consent : row.consents().entrySet()) {
            Optional<Consent> inForce = customer.latestConsent(ConsentPurpose.MARKETING, consent.getKey());
            if (inForce.map(Consent::status).orElse(null) == consent.getValue()) {
                continue;
            }
            // A DENIED given outside imports is the person's own refusal, as a withdrawal is.
            boolean declinedOutsideImports = inForce.isPresent() && inForce.get().status() != ConsentStatus.GRANTED
                    && !CONSENT_SOURCE.equals(inForce.get().source());
            if (consent.getValue() == ConsentStatus.GRANTED && declinedOutsideImports) {
                consentsKept.add(keptRefusal(row.row(), customer.customerId(), consent.getKey(), inForce.get()));
                continue;
            }
            customer.recordConsent(ConsentPurpose.MARKETING, consent.getKey(), consent.getValue(), CONSENT_SOURCE,
                    clock.instant());
        }
        customer.touch(clock.instant());
        return row.outcome(matched, customer.customerId());
    }
}
