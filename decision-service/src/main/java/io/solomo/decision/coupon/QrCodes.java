package io.solomo.decision.coupon;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** QR code images, drawn with ZXing at error correction level M (about 15 % of the code may be damaged). */
public final class QrCodes {

    private QrCodes() {
    }

    /** Returns a square PNG of the given size in pixels that encodes the text. */
    public static byte[] png(String content, int sizePixels) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, sizePixels, sizePixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("the text does not fit in a QR code: " + content.length()
                    + " characters", tooLong);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
