package io.solomo.rules;

import io.solomo.rules.WorkbookReader.UnreadableWorkbookException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Measures what an .xlsx upload expands to before POI opens it, inflating each part into a small buffer that is then
 * discarded, so a zip bomb is rejected after at most {@link #MAX_EXPANDED_BYTES} of work and in constant memory.
 *
 * <p>The limit on the total is what stops a bomb. The compression ratio is only checked for parts above
 * {@link #RATIO_GRACE_BYTES}, with {@link WorkbookReader#MIN_INFLATE_RATIO}, as POI does while reading.
 */
final class ZipBombCheck {

    /**
     * The maximum number of bytes that all parts of an .xlsx file may expand to together. It is ten times the largest upload
     * ({@link RuleSetValidator#MAX_FILE_BYTES}), and workbook XML usually compresses 5 to 20 times (an estimate).
     */
    static final long MAX_EXPANDED_BYTES = 100L * 1024 * 1024;
    /** The maximum number of parts in an .xlsx file; a workbook of a few sheets has about 15 to 30. */
    static final int MAX_PARTS = 1_000;
    /** Parts smaller than this are not ratio-checked, like POI's grace size: small XML often compresses 100 times. */
    static final long RATIO_GRACE_BYTES = 100 * 1024;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ZipBombCheck() {
    }

    static boolean isZip(byte[] content) {
        if (content.length < ZIP_MAGIC.length) {
            return false;
        }
        for (int index = 0; index < ZIP_MAGIC.length; index++) {
            if (content[index] != ZIP_MAGIC[index]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inflates every part of the archive and rejects it as soon as one limit is passed.
     *
     * @throws UnreadableWorkbookException naming the part and the limit it passed, or saying that the archive is
     *                                     corrupt
     */
    static void check(byte[] content) throws UnreadableWorkbookException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int parts = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                parts++;
                if (parts > MAX_PARTS) {
                    throw rejected(FindingText.of("workbook.too-many-parts", MAX_PARTS));
                }
                long expanded = 0;
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    expanded += read;
                    total += read;
                    if (expanded > WorkbookReader.MAX_ENTRY_BYTES) {
                        throw rejected(FindingText.of("workbook.part-too-large", entry.getName(),
                                megabytes(WorkbookReader.MAX_ENTRY_BYTES)));
                    }
                    if (total > MAX_EXPANDED_BYTES) {
                        throw rejected(FindingText.of("workbook.too-large-expanded", megabytes(MAX_EXPANDED_BYTES)));
                    }
                }
                checkRatio(entry, expanded);
            }
        } catch (IOException corrupt) {
            throw new UnreadableWorkbookException(FindingText.of("workbook.not-zip", corrupt.getMessage()), corrupt);
        }
    }

    private static void checkRatio(ZipEntry entry, long expanded) throws UnreadableWorkbookException {
        long compressed = entry.getCompressedSize();
        if (expanded <= RATIO_GRACE_BYTES || compressed <= 0) {
            return;
        }
        double ratio = (double) compressed / expanded;
        if (ratio < WorkbookReader.MIN_INFLATE_RATIO) {
            throw rejected(FindingText.of("workbook.part-ratio", entry.getName(), Math.round(1 / ratio), compressed,
                    expanded, Math.round(1 / WorkbookReader.MIN_INFLATE_RATIO)));
        }
    }

    private static UnreadableWorkbookException rejected(FindingText reason) {
        return new UnreadableWorkbookException(FindingText.of("workbook.zip-bomb", reason), null);
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
