package io.solomo.rules;

import io.solomo.rules.WorkbookReader.UnreadableWorkbookException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Workbooks whose parts compress very well: sane ones with thousands of duplicated cell styles, which POI's default
 * ratio rejects, and zip bombs, which must still be rejected before they are inflated in memory.
 */
class ZipBombCheckTests {

    private static final String SAMPLE = "decision-tables/kie-drools__Sample2.drl.xlsx";
    // One cell style as Excel writes it: thousands of copies compress about 220 times (ratio 0.0045).
    private static final byte[] STYLE = ("<xf numFmtId=\"164\" fontId=\"17\" fillId=\"0\" borderId=\"0\" "
            + "applyFont=\"true\" applyBorder=\"true\" applyAlignment=\"true\" applyProtection=\"true\"><alignment "
            + "horizontal=\"general\" vertical=\"center\" textRotation=\"0\" wrapText=\"false\" indent=\"0\" "
            + "shrinkToFit=\"false\"/><protection locked=\"true\" hidden=\"false\"/></xf>")
            .getBytes(StandardCharsets.US_ASCII);
    private static final long MEGABYTE = 1024 * 1024;

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    @Test
    void droolsSampleWithBloatedStylesIsRead() throws Exception {
        Path sample = SharedData.path(SAMPLE).orElse(null);
        assumeTrue(sample != null, SharedData.ABSENT);
        byte[] content = Files.readAllBytes(sample);

        WorkbookReader.Contents workbook = WorkbookReader.read("Sample2.drl.xlsx", content);
        ValidationReport report = validator.validateAny("sample", Map.of("examples/Sample2.drl.xlsx", content),
                getClass().getClassLoader());

        assertThat(workbook.sheets()).singleElement().satisfies(sheet ->
                assertThat(sheet.text(5, 2)).isEqualTo("RuleTable HelloWorld"));
        assertThat(report.generatedDrl().get("examples/Sample2.drl.xlsx")).contains("rule \"HelloWorld_11\"");
        assertThat(report.errors()).noneSatisfy(error -> assertThat(error.message()).containsIgnoringCase("zip bomb"));
    }

    @Test
    void duplicatedStylesAboveTheDefaultRatioAreAccepted() {
        byte[] workbook = withPart("xl/styles-copy.xml", out -> repeat(out, STYLE, 2 * MEGABYTE));
        assertThat(deflatedRatio(workbook, "xl/styles-copy.xml")).isBetween(WorkbookReader.MIN_INFLATE_RATIO, 0.01);

        ValidationReport report = validator.validateOffers("styles", offersWith(workbook));

        assertThat(report.errors()).isEmpty();
        assertThat(report.ruleCount()).isPositive();
    }

    @Test
    void partOfZerosIsRejected() {
        byte[] bomb = withPart("xl/media/image1.png", out -> write(out, new byte[(int) (20 * MEGABYTE)]));

        ValidationReport report = validator.validateOffers("zeros", offersWith(bomb));

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(OffersWorkbook.WORKBOOK);
            assertThat(error.message()).startsWith("the workbook is rejected as a possible zip bomb, because its part "
                    + "xl/media/image1.png expands").contains("at most 500 times is accepted");
        });
    }

    @Test
    void expansionPastTheTotalLimitIsRejected() {
        long partSize = 40 * MEGABYTE;
        byte[] bomb = withParts(3, partSize);
        assertThat(bomb.length).isLessThan(RuleSetValidator.MAX_FILE_BYTES);

        assertThatThrownBy(() -> WorkbookReader.read("bomb.drl.xlsx", bomb))
                .isInstanceOf(UnreadableWorkbookException.class)
                .hasMessageContaining("possible zip bomb, because it expands to more than 100 MB in total");
    }

    @Test
    void partPastTheEntryLimitIsRejected() {
        byte[] bomb = withParts(1, 60 * MEGABYTE);

        assertThatThrownBy(() -> WorkbookReader.read("bomb.drl.xlsx", bomb))
                .isInstanceOf(UnreadableWorkbookException.class)
                .hasMessageContaining("because its part xl/styles0.xml expands to more than 50 MB");
    }

    @Test
    void zeroFilledPartStartIsRejected() {
        byte[] noise = new byte[(int) MEGABYTE];
        new Random(7).nextBytes(noise);
        byte[] workbook = withPart("xl/styles-copy.xml", out -> {
            write(out, new byte[(int) MEGABYTE]);
            write(out, noise);
        });

        assertThatThrownBy(() -> WorkbookReader.read("padded.drl.xlsx", workbook))
                .isInstanceOf(UnreadableWorkbookException.class)
                .hasMessageStartingWith("the workbook is rejected as a possible zip bomb, because a part expands more "
                        + "than 500 times: Zip bomb detected!");
    }

    @Test
    void corruptArchiveIsRejected() {
        byte[] workbook = OfferRuleCompiler.bundledFiles().get(OffersWorkbook.WORKBOOK);
        byte[] truncated = Arrays.copyOf(workbook, 200);

        assertThatThrownBy(() -> WorkbookReader.read("truncated.drl.xlsx", truncated))
                .isInstanceOf(UnreadableWorkbookException.class)
                .hasMessageContaining("save it again from Excel or LibreOffice");
    }

    private static Map<String, byte[]> offersWith(byte[] workbook) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put(OffersWorkbook.WORKBOOK, workbook);
        return files;
    }

    /** Returns the bundled offers workbook with duplicated-style parts of the given size added. */
    private static byte[] withParts(int count, long partSize) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyBundledWorkbook(zip);
            for (int part = 0; part < count; part++) {
                zip.putNextEntry(new ZipEntry("xl/styles" + part + ".xml"));
                repeat(zip, STYLE, partSize);
                zip.closeEntry();
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return bytes.toByteArray();
    }

    private static byte[] withPart(String name, PartWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyBundledWorkbook(zip);
            zip.putNextEntry(new ZipEntry(name));
            writer.write(zip);
            zip.closeEntry();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return bytes.toByteArray();
    }

    private static void copyBundledWorkbook(ZipOutputStream zip) throws IOException {
        byte[] workbook = OfferRuleCompiler.bundledFiles().get(OffersWorkbook.WORKBOOK);
        try (ZipInputStream original = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry entry = original.getNextEntry(); entry != null; entry = original.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                original.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    private static double deflatedRatio(byte[] workbook, String part) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(part)) {
                    long expanded = zip.transferTo(OutputStream.nullOutputStream());
                    return (double) entry.getCompressedSize() / expanded;
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        throw new IllegalArgumentException("no part " + part);
    }

    private static void repeat(OutputStream out, byte[] block, long size) throws IOException {
        for (long written = 0; written < size; written += block.length) {
            out.write(block);
        }
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @FunctionalInterface
    private interface PartWriter {
        void write(OutputStream out) throws IOException;
    }
}
