package dev.agentwarden.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** The QR code of an {@code otpauth://} URI (ZXing), as a PNG: what authenticator apps scan. */
public final class QrCode {

    /** Pixels per module, and the quiet zone in modules. */
    private static final int SCALE = 6;
    private static final int MARGIN = 4;

    private QrCode() {
    }

    /** The modules of {@code text}'s QR code (error correction M), with the quiet zone. */
    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, MARGIN));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text does not fit in a QR code", e);
        }
    }

    /** A black-on-white PNG of {@code text}'s QR code. */
    public static byte[] png(String text) {
        BitMatrix modules = matrix(text);
        int size = modules.getWidth() * SCALE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, modules.get(x / SCALE, y / SCALE) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
