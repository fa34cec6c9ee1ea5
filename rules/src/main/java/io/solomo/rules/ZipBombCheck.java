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
                    throw rejected("the workbook has more than " + MAX_PARTS + " parts");
                }
                long expanded = 0;
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    expanded += read;
                    total += read;
                    if (expanded > WorkbookReader.MAX_ENTRY_BYTES) {
                        throw rejected("its part " + entry.getName() + " expands to more than "
                                + megabytes(WorkbookReader.MAX_ENTRY_BYTES));
                    }
                    if (total > MAX_EXPANDED_BYTES) {
                        throw rejected("it expands to more than " + megabytes(MAX_EXPANDED_BYTES) + " in total");
                    }
                }
                checkRatio(entry, expanded);
            }
        } catch (IOException corrupt) {
            throw new UnreadableWorkbookException("cannot read the workbook as a zip archive (" + corrupt.getMessage()
                    + "); save it again from Excel or LibreOffice as .xlsx", corrupt);
        }
    }

    private static void checkRatio(ZipEntry entry, long expanded) throws UnreadableWorkbookException {
        long compressed = entry.getCompressedSize();
        if (expanded <= RATIO_GRACE_BYTES || compressed <= 0) {
            return;
        }
        double ratio = (double) compressed / expanded;
        if (ratio < WorkbookReader.MIN_INFLATE_RATIO) {
            throw rejected("its part " + entry.getName() + " expands " + Math.round(1 / ratio) + " times, from "
                    + compressed + " to " + expanded + " bytes, and at most "
                    + Math.round(1 / WorkbookReader.MIN_INFLATE_RATIO) + " times is accepted");
        }
    }

    private static UnreadableWorkbookException rejected(String reason) {
        return new UnreadableWorkbookException("the workbook is rejected as a possible zip bomb, because " + reason
                + "; save it again from Excel or LibreOffice as .xlsx, and remove unused sheets and cell styles if "
                + "it is still rejected", null);
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }
}
