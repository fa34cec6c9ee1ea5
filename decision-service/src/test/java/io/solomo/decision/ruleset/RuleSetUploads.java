package io.solomo.decision.ruleset;

import io.solomo.rules.OfferRuleCompiler;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Multipart uploads of rule files to the server under test, and edited copies of the bundled offers workbook. */
public final class RuleSetUploads {

    static final String WORKBOOK = "solomo/offers/offers.drl.xlsx";
    static final String WELCOME = "Welcome a customer at any store with 10 % off";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RuleSetUploads() {
    }

    /** Posts the files as one multipart part each, named after the file, and returns the status and body. */
    public static HttpResponse<String> upload(int port, String user, String path, Map<String, byte[]> files) {
        String boundary = "solomo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Returns the bundled files with workbook cells (such as "B16") set to the given texts. */
    static Map<String, byte[]> bundledWithCells(Map<String, String> cells) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(files.get(WORKBOOK)))) {
            cells.forEach((reference, text) -> {
                CellReference at = new CellReference(reference);
                var row = workbook.getSheet("Offers").getRow(at.getRow());
                Cell cell = row.getCell(at.getCol()) == null ? row.createCell(at.getCol()) : row.getCell(at.getCol());
                cell.setCellValue(text);
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            files.put(WORKBOOK, out.toByteArray());
            return files;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
